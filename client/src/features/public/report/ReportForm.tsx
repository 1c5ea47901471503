import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { REPORT_LIMITS } from '../../../../../server/src/contract/cases.ts';
import { useT } from '../../../i18n/useT';
import type { Origin } from '../origin';
import { useLocate } from '../useFinderData';
import { CategoryPicker } from './CategoryPicker';
import { PhotoPicker } from './PhotoPicker';
import type { ChosenPhoto } from './photos';
import { PlacePicker, placeText } from './PlacePicker';
import { ReportSent } from './ReportSent';
import { sendErrorText } from './sendErrorText';
import { reportText } from './strings';
import { usePlaceOnMap } from './usePlaceOnMap';
import { useSendReport } from './useSendReport';

/** As the server checks it: an 11-digit mobile, or a landline with its area code. */
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

type Field = 'category' | 'description' | 'place' | 'phone';

/** 反映问题: category, description, place, photos and phone; then the tracking code. */
export function ReportForm() {
  const { t } = useT(reportText);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState<Origin | null>(null);
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState<{ field: Field; message: string } | null>(null);
  const grid = useLocate(place);
  const sending = useSendReport();
  const { state } = sending;

  const choosePlace = useCallback((next: Origin) => {
    setPlace(next);
    setInvalid((current) => (current?.field === 'place' ? null : current));
  }, []);
  usePlaceOnMap(state.step === 'editing' || state.step === 'creating' ? place : null, choosePlace, place ? placeText(place, t) : '');

  const descriptionId = useId();
  const descriptionCountId = useId();
  const phoneId = useId();
  const phoneNoteId = useId();
  const errorId = useId();
  const fieldRefs = {
    category: useRef<HTMLDivElement>(null),
    description: useRef<HTMLTextAreaElement>(null),
    place: useRef<HTMLDivElement>(null),
    phone: useRef<HTMLInputElement>(null),
  };

  const descriptionLength = description.trim().length;
  const over = descriptionLength - REPORT_LIMITS.descriptionMax;

  const check = (): { field: Field; message: string } | null => {
    if (category === null) return { field: 'category', message: t('missingCategory') };
    if (descriptionLength === 0) return { field: 'description', message: t('missingDescription') };
    if (over > 0) return { field: 'description', message: t('descriptionTooLong', { max: REPORT_LIMITS.descriptionMax, over }) };
    if (place === null) return { field: 'place', message: t('missingPlace') };
    if (grid.state.status === 'outside') return { field: 'place', message: t('outsideGrids') };
    if (grid.state.status === 'loading') return { field: 'place', message: t('waitForGrid') };
    if (phone.trim() !== '' && !PHONE.test(phone.trim())) return { field: 'phone', message: t('phoneInvalid') };
    return null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = check();
    setInvalid(problem);
    if (problem) {
      const target = fieldRefs[problem.field].current;
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
      return;
    }
    if (category === null || place === null) return;
    void sending.send(
      {
        category,
        description: description.trim(),
        lng: Number(place.lng.toFixed(7)),
        lat: Number(place.lat.toFixed(7)),
        crs: 'wgs84',
        ...(phone.trim() !== '' ? { phone: phone.trim() } : {}),
      },
      photos,
    );
  };

  const startAgain = () => {
    setCategory(null);
    setDescription('');
    setPlace(null);
    photos.forEach((p) => URL.revokeObjectURL(p.previewUrl));
    setPhotos([]);
    setPhone('');
    setInvalid(null);
    sending.reset();
  };

  // A refused report: the server's reason, where the submit button is.
  const sendError = state.step === 'editing' && state.error ? sendErrorText(state.error, t) : null;
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sendError) errorRef.current?.focus();
  }, [sendError]);

  if (state.step === 'sent' || state.step === 'uploading') {
    const located = grid.state.status === 'ready' ? grid.state.data : null;
    const gridName = located?.grid.code === state.created.gridCode ? `${located.community.name} · ${located.grid.name}` : null;
    return <ReportSent state={state} gridName={gridName} onRetryPhotos={() => void sending.retryPhotos()} onAgain={startAgain} />;
  }

  const busy = state.step === 'creating';
  const message = invalid?.message ?? sendError;
  return (
    <form className="report-form" onSubmit={submit} noValidate aria-describedby={message ? errorId : undefined}>
      <div ref={fieldRefs.category} tabIndex={-1} className="report-anchor">
        <CategoryPicker
          value={category}
          onChange={(id) => {
            setCategory(id);
            if (invalid?.field === 'category') setInvalid(null);
          }}
        />
      </div>

      <div className="report-fieldset">
        <label htmlFor={descriptionId} className="report-legend">
          {t('descriptionLabel')}
        </label>
        <textarea
          ref={fieldRefs.description}
          id={descriptionId}
          className="report-textarea"
          rows={4}
          value={description}
          placeholder={t('descriptionPlaceholder')}
          aria-describedby={descriptionCountId}
          aria-invalid={invalid?.field === 'description' || over > 0}
          onChange={(event) => {
            setDescription(event.target.value);
            if (invalid?.field === 'description') setInvalid(null);
          }}
        />
        <p id={descriptionCountId} className={over > 0 ? 'report-count report-count-over' : 'report-count'} data-testid="description-count">
          {t('descriptionCount', { count: descriptionLength, max: REPORT_LIMITS.descriptionMax })}
        </p>
      </div>

      <div ref={fieldRefs.place} tabIndex={-1} className="report-anchor">
        <PlacePicker place={place} onPlace={choosePlace} grid={grid} />
      </div>

      <PhotoPicker photos={photos} onChange={setPhotos} disabled={busy} />

      <div className="report-fieldset">
        <label htmlFor={phoneId} className="report-legend">
          {t('phoneLabel')}
        </label>
        <input
          ref={fieldRefs.phone}
          id={phoneId}
          className="finder-search-input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          value={phone}
          placeholder={t('phonePlaceholder')}
          aria-describedby={phoneNoteId}
          aria-invalid={invalid?.field === 'phone'}
          onChange={(event) => {
            setPhone(event.target.value);
            if (invalid?.field === 'phone') setInvalid(null);
          }}
        />
        <p id={phoneNoteId} className="report-privacy">
          {t('phonePrivacy')}
        </p>
      </div>

      {message && (
        <p id={errorId} ref={errorRef} tabIndex={-1} className="report-error" role="alert" data-testid="report-error">
          {message}
        </p>
      )}
      <button type="submit" className="finder-locate report-submit" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
      {busy && <progress className="report-progress" aria-label={t('submitting')} />}
    </form>
  );
}
