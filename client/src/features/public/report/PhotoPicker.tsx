import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { REPORT_LIMITS } from '../../../../../server/src/contract/cases.ts';
import { useT, type T } from '../../../i18n/useT';
import { admitPhotos, type ChosenPhoto, type PhotoRefusal } from './photos';
import { formatBytes, reportText, type ReportKey } from './strings';

interface Props {
  photos: readonly ChosenPhoto[];
  onChange: (photos: ChosenPhoto[]) => void;
  disabled?: boolean;
}

let nextPhotoId = 1;

function refusalText(refusal: PhotoRefusal, t: T<ReportKey>): string {
  const max = formatBytes(REPORT_LIMITS.photoBytesMax);
  if (refusal.reason === 'tooMany') return t('photoTooMany', { max: REPORT_LIMITS.photosMax, extra: refusal.extra });
  if (refusal.reason === 'wrongType') return t('photoWrongType', { name: refusal.file.name });
  return t('photoTooLarge', { name: refusal.file.name, size: formatBytes(refusal.file.size), max });
}

/**
 * 照片: up to three, from the camera or the gallery, each previewed with its size. A file the
 * server would refuse (too big, not a photo) is refused here first, saying why.
 */
export function PhotoPicker({ photos, onChange, disabled = false }: Props) {
  const { t } = useT(reportText);
  const inputId = useId();
  const hintId = useId();
  const legendId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [refusals, setRefusals] = useState<PhotoRefusal[]>([]);

  // Previews are object URLs: revoked when their photo goes, and all of them when the form does.
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(() => () => photosRef.current.forEach((p) => URL.revokeObjectURL(p.previewUrl)), []);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Cleared so choosing the same file again after removing it still fires a change.
    event.target.value = '';
    const { admitted, refused } = admitPhotos(photos.length, files);
    setRefusals(refused);
    if (admitted.length === 0) return;
    onChange([...photos, ...admitted.map((file) => ({ id: nextPhotoId++, file, previewUrl: URL.createObjectURL(file) }))]);
  };

  const remove = (photo: ChosenPhoto) => {
    URL.revokeObjectURL(photo.previewUrl);
    setRefusals([]);
    onChange(photos.filter((p) => p.id !== photo.id));
    inputRef.current?.focus();
  };

  const full = photos.length >= REPORT_LIMITS.photosMax;
  return (
    <fieldset className="report-fieldset" aria-labelledby={legendId}>
      <legend id={legendId} className="report-legend">
        {t('photosLegend', { max: REPORT_LIMITS.photosMax })}
      </legend>
      {photos.length > 0 && (
        <ul className="report-photos">
          {photos.map((photo, i) => (
            <li key={photo.id} className="report-photo">
              <img src={photo.previewUrl} alt={t('photoAlt', { n: i + 1 })} />
              <span className="report-photo-size">{t('photoSize', { size: formatBytes(photo.file.size) })}</span>
              <button
                type="button"
                className="small-button"
                onClick={() => remove(photo)}
                disabled={disabled}
                aria-label={t('removePhotoLabel', { name: photo.file.name })}
              >
                {t('removePhoto')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <>
          <input
            ref={inputRef}
            id={inputId}
            className="report-file-input"
            type="file"
            accept="image/*"
            multiple
            disabled={disabled}
            aria-describedby={hintId}
            onChange={choose}
          />
          {/* After the input, so the input's keyboard focus can outline it (the input itself is hidden). */}
          <label htmlFor={inputId} className="finder-secondary report-photo-add">
            {t('addPhoto')}
          </label>
        </>
      )}
      <p id={hintId} className="finder-note">
        {t('photoHint', { max: formatBytes(REPORT_LIMITS.photoBytesMax) })}
      </p>
      {refusals.length > 0 && (
        <div className="report-error" role="alert" data-testid="photo-refused">
          {refusals.map((refusal, i) => (
            <p key={i}>{refusalText(refusal, t)}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}
