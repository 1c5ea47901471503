import { useMutation } from '@tanstack/react-query';
import { getCasePhone } from '../../api/cases';
import { useT } from '../../i18n/useT';
import { mygridText } from './strings';

/** 显示电话: asked for only on a tap (each read is audited), then a tel: link to call back. */
export function PhonePanel({ caseId, hasPhone }: { caseId: number; hasPhone: boolean }) {
  const { t } = useT(mygridText);
  const phone = useMutation({ mutationFn: () => getCasePhone(caseId) });
  if (!hasPhone) return <p className="muted">{t('noPhone')}</p>;
  return (
    <div className="mygrid-phone">
      {phone.isSuccess ? (
        phone.data ? (
          <a className="primary-button mygrid-call" href={`tel:${phone.data.replace(/[^0-9+]/g, '')}`}>
            {t('callPhone', { phone: phone.data })}
          </a>
        ) : (
          <p className="muted">{t('phoneGone')}</p>
        )
      ) : (
        <button type="button" className="secondary-button" disabled={phone.isPending} aria-busy={phone.isPending} onClick={() => phone.mutate()}>
          {phone.isPending ? t('phoneLoading') : t('showPhone')}
        </button>
      )}
      <p className="field-hint">{t('phoneNote')}</p>
      {phone.isError && (
        <p className="mygrid-error" role="alert">
          {t('phoneError', { message: phone.error.message })}
        </p>
      )}
    </div>
  );
}
