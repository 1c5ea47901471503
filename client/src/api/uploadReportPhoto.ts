import { ApiError, readErrorBody } from './http';

/** POST /api/reports/:code/photos answers 201 with this. */
export interface UploadedPhoto {
  seq: number;
  width: number;
  height: number;
}

/**
 * Adds one photo to a report made in the last 30 minutes, as the raw file. XMLHttpRequest
 * rather than fetch: only it reports upload progress, `onProgress(fraction)` from 0 to 1.
 * Refusals arrive as ApiError like every other call (413 `IMAGE_TOO_LARGE`, 422 `TOO_MANY_PHOTOS`, …).
 */
export function uploadReportPhoto(code: string, file: Blob, onProgress?: (fraction: number) => void): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/reports/${encodeURIComponent(code)}/photos`);
    // The server reads the content itself; the declared type only has to be an image's.
    request.setRequestHeader('Content-Type', file.type.startsWith('image/') ? file.type : 'image/jpeg');
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '网络连接中断 (network error)'));
    request.onabort = () => reject(new ApiError(0, 'ABORTED', 'Request aborted'));
    request.onload = () => {
      let body: unknown;
      try {
        body = request.responseText === '' ? null : JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300 && body !== null) {
        onProgress?.(1);
        resolve(body as UploadedPhoto);
        return;
      }
      const error = readErrorBody(body);
      reject(
        error
          ? new ApiError(request.status, error.code, error.message, error.details)
          : new ApiError(request.status, 'BAD_RESPONSE', `HTTP ${request.status} ${request.statusText}`),
      );
    };
    request.send(file);
  });
}
