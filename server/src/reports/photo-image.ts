import sharp from 'sharp';
import { HttpError } from '../http/errors.ts';

// A resident's photo, checked by its content (never its name or Content-Type) and re-encoded, so
// that nothing but the pixels is kept: no EXIF, no GPS, no device data.

/** Pixels a photo may have (a phone takes 12–50 MP; more is refused before decoding). */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** The longest side stored. */
const MAX_SIDE = 2048;
const JPEG_QUALITY = 82;

export interface CleanPhoto {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  bytes: Buffer;
}

/** JPEG and WebP become JPEG, PNG stays PNG; turned upright, at most 2048 px, metadata dropped. */
export async function cleanPhoto(bytes: Buffer): Promise<CleanPhoto> {
  if (bytes.length === 0) throw unsupported('没有收到图片内容 (the request carried no image)');
  let format: string | undefined;
  let pixels: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    throw unsupported('无法识别的图片 (not an image sharp can read)');
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') {
    throw unsupported(`不支持的图片格式 ${format ?? ''} (unsupported format ${format ?? 'unknown'})`);
  }
  if (pixels > MAX_PHOTO_PIXELS) {
    throw new HttpError(
      422,
      'IMAGE_TOO_LARGE',
      `图片像素过多（最多 ${MAX_PHOTO_PIXELS / 1_000_000} 百万像素），请换一张或缩小后再传 (over ${MAX_PHOTO_PIXELS / 1_000_000} megapixels: send a smaller photo)`,
    );
  }
  const png = format === 'png';
  try {
    const pipeline = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (png ? pipeline.png() : pipeline.jpeg({ quality: JPEG_QUALITY })).toBuffer({ resolveWithObject: true });
    return { mime: png ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, bytes: data };
  } catch {
    throw unsupported('图片已损坏或不完整 (the image is damaged or incomplete)');
  }
}

function unsupported(what: string): HttpError {
  return new HttpError(422, 'UNSUPPORTED_IMAGE', `${what}：请上传 JPEG、PNG 或 WebP 照片 (send a JPEG, PNG or WebP photo)`);
}
