import { useState } from 'react';
import type { Account } from '../../api/accountTypes';
import { resetUserPassword } from '../../api/resetUserPassword';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { PasswordReveal } from './PasswordReveal';
import { describeSaveError } from './saveErrors';

/** Confirm, reset, then show the new password once. */
export function ResetPasswordDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useT(commonText);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  const reset = async () => {
    setPending(true);
    setError(null);
    try {
      setPassword(await resetUserPassword(account.id));
    } catch (err) {
      setError(describeSaveError(err, t).top ?? t('admin.unavailable'));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal title={t('reset.title')} onClose={onClose} className="reset-dialog">
      {password ? (
        <PasswordReveal
          title={t('password.resetTitle', { username: account.username })}
          label={t('password.newLabel')}
          password={password}
          onDone={onClose}
        />
      ) : (
        <>
          <p className="reset-question">{t('reset.confirm', { username: account.username, name: account.displayName })}</p>
          <p className="muted">{t('reset.consequence')}</p>
          {error && (
            <p className="form-error" role="alert">
              {t('reset.failed', { message: error })}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="secondary-button" onClick={onClose}>
              {t('reset.cancel')}
            </button>
            <button type="button" className="danger-button" disabled={pending} aria-busy={pending} onClick={() => void reset()}>
              {pending ? t('reset.pending') : t('reset.submit')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
