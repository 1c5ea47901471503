import { useId, useState, type FormEvent } from 'react';
import type { CaseSummary } from '../../api/cases';
import { useT } from '../../i18n/useT';
import { ActionOutcomeLine } from './ActionOutcomeLine';
import { CaseCard } from './CaseCard';
import { mygridText } from './strings';
import { useCaseAction } from './useCaseAction';

/** A case handed (转派) to one of my grids: accept it at once, or decline it with a reason. */
export function TransferCard({ item, now }: { item: CaseSummary; now: number }) {
  const { t } = useT(mygridText);
  const { run, pending, outcome } = useCaseAction(item.id);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonId = useId();

  const decline = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    run({ action: 'decline_transfer', version: item.version, note: reason.trim() });
  };

  return (
    <li className="mygrid-transfer" data-case-code={item.code}>
      <p className="mygrid-transfer-route">
        {t('transferFrom', { from: item.gridName, to: item.transferTo?.gridName ?? '' })}
      </p>
      <CaseCard item={item} now={now} />
      {!declining ? (
        <div className="mygrid-transfer-actions">
          <button
            type="button"
            className="primary-button"
            disabled={pending}
            aria-busy={pending}
            onClick={() => run({ action: 'accept_transfer', version: item.version })}
          >
            {t('acceptTransfer')}
          </button>
          <button type="button" className="secondary-button" disabled={pending} onClick={() => setDeclining(true)}>
            {t('declineTransfer')}
          </button>
        </div>
      ) : (
        <form className="mygrid-note-form" onSubmit={decline} noValidate>
          <label htmlFor={reasonId}>{t('declineReason')}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            maxLength={500}
            aria-invalid={missing || undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
          {missing && <p className="field-error">{t('noteRequired')}</p>}
          <div className="mygrid-transfer-actions">
            <button type="submit" className="danger-button" disabled={pending} aria-busy={pending}>
              {pending ? t('working') : t('declineSubmit')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setDeclining(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      <ActionOutcomeLine outcome={outcome} />
    </li>
  );
}
