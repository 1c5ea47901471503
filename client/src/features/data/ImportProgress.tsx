import { useId } from 'react';
import { useT } from '../../i18n/useT';
import { dataText } from './strings';
import type { Busy } from './useImport';

/** Upload percent while the file is sent, then a plain bar while the server checks or imports. */
export function ImportProgress({ busy }: { busy: Busy }) {
  const { t } = useT(dataText);
  const id = useId();
  const phase = busy.phase === 'upload' ? t('uploadingUnknown') : busy.mode === 'commit' ? t('committing') : t('checking');
  const text = busy.phase === 'upload' && busy.percent !== null ? t('uploading', { percent: busy.percent }) : phase;
  return (
    <div className="import-progress" data-phase={busy.phase}>
      <label htmlFor={id}>{text}</label>
      {busy.phase === 'upload' && busy.percent !== null ? (
        <progress id={id} max={100} value={busy.percent} />
      ) : (
        <progress id={id} />
      )}
      {/* Only the phase is announced, not every percent. */}
      <span className="data-sr-only" role="status">
        {phase}
      </span>
    </div>
  );
}
