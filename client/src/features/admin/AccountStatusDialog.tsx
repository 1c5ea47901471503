import { useMutation } from '@tanstack/react-query';
import type { Account } from '../../api/accountTypes';
import { isApiError } from '../../api/http';
import { setUserDisabled } from '../../api/setUserDisabled';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { describeSaveError } from './saveErrors';

export interface AccountStatusDialogProps {
  account: Account;
  /** Called with the account's username once the change is saved. */
  onDone: (username: string) => void;
  onClose: () => void;
}

/** Confirms 停用 (or 启用) of an account, saying what it does, then saves it. */
export function AccountStatusDialog({ account, onDone, onClose }: AccountStatusDialogProps) {
  const { t } = useT(commonText);
  const verb = account.disabled ? 'enable' : 'disable';
  const change = useMutation({
    mutationFn: () => setUserDisabled(account.id, !account.disabled),
    onSuccess: () => onDone(account.username),
  });
  const error = change.error
    ? isApiError(change.error) && change.error.code === 'CANNOT_DISABLE_SELF'
      ? t('accountForm.err.disableSelf')
      : (describeSaveError(change.error, t).top ?? t('admin.unavailable'))
    : null;

  return (
    <Modal title={t(`${verb}.title`)} onClose={onClose} className="reset-dialog">
      <p className="reset-question">{t(`${verb}.confirm`, { username: account.username, name: account.displayName })}</p>
      <p className="muted">{t(`${verb}.consequence`)}</p>
      {error && (
        <p className="form-error" role="alert">
          {t(`${verb}.failed`, { message: error })}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('statusChange.cancel')}
        </button>
        <button
          type="button"
          className={verb === 'disable' ? 'danger-button' : 'primary-button'}
          disabled={change.isPending}
          aria-busy={change.isPending}
          onClick={() => change.mutate()}
        >
          {change.isPending ? t(`${verb}.pending`) : t(`${verb}.submit`)}
        </button>
      </div>
    </Modal>
  );
}
