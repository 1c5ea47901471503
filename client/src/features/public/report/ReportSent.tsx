import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/useT';
import { followLink } from '../../../ui/route';
import { statusPath } from './reportCode';
import { reportText } from './strings';
import type { SendState } from './useSendReport';

interface Props {
  state: Extract<SendState, { step: 'uploading' | 'sent' }>;
  /** The grid's name as the form found it; the code when the server chose another grid. */
  gridName: string | null;
  onRetryPhotos: () => void;
  onAgain: () => void;
}

/** After sending: the photos' upload progress, then the tracking code, large, to copy or follow. */
export function ReportSent({ state, gridName, onRetryPhotos, onAgain }: Props) {
  const { t, date } = useT(reportText);
  const { created } = state;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sent = state.step === 'sent';
  useEffect(() => {
    if (sent) headingRef.current?.focus();
  }, [sent]);

  const copyCode = () => {
    if (!navigator.clipboard) {
      setCopy('failed');
      return;
    }
    navigator.clipboard.writeText(created.code).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  if (state.step === 'uploading') {
    const overall = (state.index + state.fraction) / state.total;
    return (
      <section className="report-sent" aria-busy="true">
        <p role="status" className="report-uploading">
          {t('uploading', { n: state.index + 1, total: state.total })}
        </p>
        <progress className="report-progress" max={1} value={overall} aria-label={t('uploading', { n: state.index + 1, total: state.total })} />
      </section>
    );
  }

  const path = statusPath(created.code);
  const photosUntil = new Date(created.photosUntil).getTime();
  return (
    <section className="report-sent" aria-labelledby="report-sent-title">
      <h2 id="report-sent-title" ref={headingRef} tabIndex={-1}>
        {t('sentTitle')}
      </h2>
      <p className="report-code-label">{t('codeLabel')}</p>
      <p className="report-code" data-testid="report-code" translate="no">
        {created.code}
      </p>
      <div className="report-actions">
        <button type="button" className="finder-secondary" onClick={copyCode}>
          {t('copyCode')}
        </button>
        <a className="finder-primary" href={path} onClick={followLink(path)}>
          {t('openStatus')}
        </a>
      </div>
      <p className="finder-note" role="status">
        {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed', { code: created.code }) : ''}
      </p>
      <p>{t('sentIntro', { grid: gridName ?? created.gridCode })}</p>
      {state.uploaded > 0 && <p className="finder-note">{t('photosUploaded', { count: state.uploaded })}</p>}
      {state.failures.length > 0 && (
        <div className="report-error" role="alert">
          {state.failures.map(({ photo, error }) => (
            <p key={photo.id}>{t('photoFailed', { name: photo.file.name, message: error.message })}</p>
          ))}
          {Date.now() < photosUntil && (
            <>
              <p>{t('photoWindow', { until: date(created.photosUntil) })}</p>
              <button type="button" className="finder-secondary" onClick={onRetryPhotos}>
                {t('retryPhotos')}
              </button>
            </>
          )}
        </div>
      )}
      <button type="button" className="link-button report-again" onClick={onAgain}>
        {t('newReport')}
      </button>
    </section>
  );
}
