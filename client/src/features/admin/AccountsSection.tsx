import { useCallback, useEffect, useRef, useState } from 'react';
import type { Account, AccountSummary } from '../../api/accountTypes';
import { getUsers } from '../../api/getUsers';
import { isAbort, type ApiError } from '../../api/http';
import type { SessionUser } from '../../api/session';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { toApiError } from '../../ui/useDistrictData';
import { AccountForm, type AccountFormResult } from './AccountForm';
import { PasswordReveal } from './PasswordReveal';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { describeSaveError } from './saveErrors';
import { useDateTimeFormat } from './useDateTimeFormat';

const PAGE_SIZE = 50;

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; users: Account[]; more: boolean; loadingMore: boolean; moreError: ApiError | null };

/** 账号列表 with create, edit and reset password. */
export function AccountsSection({ me }: { me: SessionUser }) {
  const { t } = useT(commonText);
  const formatTime = useDateTimeFormat();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ user: AccountSummary; password: string } | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [notice, setNotice] = useState('');
  const createButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setList((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    getUsers({ limit: PAGE_SIZE, offset: 0 }, abort.signal).then(
      (page) => setList({ status: 'ready', users: page.users, more: page.users.length === page.limit, loadingMore: false, moreError: null }),
      (err: unknown) => {
        if (!abort.signal.aborted && !isAbort(err)) setList({ status: 'error', error: toApiError(err) });
      },
    );
    return () => abort.abort();
  }, [reload]);

  const loadMore = useCallback(async () => {
    if (list.status !== 'ready') return;
    const offset = list.users.length;
    setList({ ...list, loadingMore: true, moreError: null });
    try {
      const page = await getUsers({ limit: PAGE_SIZE, offset });
      setList((prev) =>
        prev.status === 'ready'
          ? { ...prev, users: [...prev.users, ...page.users], more: page.users.length === page.limit, loadingMore: false }
          : prev,
      );
    } catch (err) {
      setList((prev) => (prev.status === 'ready' ? { ...prev, loadingMore: false, moreError: toApiError(err) } : prev));
    }
  }, [list]);

  const onCreateSaved = (result: AccountFormResult) => {
    if (result.kind !== 'created') return;
    setCreating(false);
    setCreated({ user: result.user, password: result.password });
    setReload((n) => n + 1);
  };

  const onEditSaved = (result: AccountFormResult) => {
    setEditing(null);
    setNotice(t('accountForm.saved', { username: result.user.username }));
    setReload((n) => n + 1);
  };

  const closeCreated = () => {
    setCreated(null);
    window.setTimeout(() => createButtonRef.current?.focus(), 0);
  };

  return (
    <section className="admin-section" aria-labelledby="accounts-title">
      <div className="section-header">
        <h2 id="accounts-title">{t('accounts.title')}</h2>
        <button
          ref={createButtonRef}
          type="button"
          className="secondary-button"
          aria-expanded={creating}
          aria-controls="create-account"
          onClick={() => {
            setCreated(null);
            setCreating((v) => !v);
          }}
        >
          {t('accounts.create')}
        </button>
      </div>

      {creating && (
        <div id="create-account" className="admin-card">
          <h3>{t('accountForm.createTitle')}</h3>
          <AccountForm
            scopeCode={me.regionCode}
            onSaved={onCreateSaved}
            onCancel={() => {
              setCreating(false);
              window.setTimeout(() => createButtonRef.current?.focus(), 0);
            }}
          />
        </div>
      )}
      {created && (
        <div className="admin-card">
          <PasswordReveal
            title={t('password.createdTitle', { username: created.user.username })}
            label={t('password.label')}
            password={created.password}
            onDone={closeCreated}
          />
        </div>
      )}

      <p className="form-notice" role="status">
        {notice}
      </p>

      {list.status === 'loading' && (
        <p className="muted" role="status">
          {t('accounts.loading')}
        </p>
      )}
      {list.status === 'error' && (
        <p className="form-error" role="alert">
          {t('accounts.loadError', { message: describeSaveError(list.error, t).top ?? list.error.message })}{' '}
          <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>
            {t('status.retry')}
          </button>
        </p>
      )}
      {list.status === 'ready' && list.users.length === 0 && <p className="empty-state">{t('accounts.empty')}</p>}
      {list.status === 'ready' && list.users.length > 0 && (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="accounts-title">
            <table className="data-table accounts-table">
              <thead>
                <tr>
                  <th scope="col">{t('accounts.colUsername')}</th>
                  <th scope="col">{t('accounts.colName')}</th>
                  <th scope="col">{t('accounts.colRole')}</th>
                  <th scope="col">{t('accounts.colScope')}</th>
                  <th scope="col">{t('accounts.colStatus')}</th>
                  <th scope="col">{t('accounts.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.users.map((u) => (
                  <tr key={u.id} data-username={u.username}>
                    <th scope="row" className="cell-username">
                      {u.username}
                      {u.id === me.id && <span className="muted">{t('accounts.you')}</span>}
                    </th>
                    <td>{u.displayName}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>{u.regionName}</td>
                    <td className="cell-status">
                      {u.signedIn ? (
                        <span className="status-online">
                          <span className="status-dot" aria-hidden="true" />
                          {t('accounts.online')}
                        </span>
                      ) : u.lastSeen ? (
                        <span className="muted">{t('accounts.lastSeen', { time: formatTime(u.lastSeen) })}</span>
                      ) : (
                        <span className="muted">{t('accounts.never')}</span>
                      )}
                    </td>
                    <td>
                      <div className="cell-actions">
                        <button
                          type="button"
                          className="small-button"
                          aria-label={t('accounts.editLabel', { username: u.username })}
                          onClick={() => {
                            setNotice('');
                            setEditing(u);
                          }}
                        >
                          {t('accounts.edit')}
                        </button>
                        <button
                          type="button"
                          className="small-button"
                          aria-label={t('accounts.resetLabel', { username: u.username })}
                          onClick={() => setResetting(u)}
                        >
                          {t('accounts.reset')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-footer">
            <span className="muted">{t('accounts.count', { count: list.users.length })}</span>
            {list.more && (
              <button type="button" className="secondary-button" disabled={list.loadingMore} onClick={() => void loadMore()}>
                {t('accounts.loadMore')}
              </button>
            )}
          </div>
          {list.moreError && (
            <p className="form-error" role="alert">
              {t('accounts.loadError', { message: list.moreError.message })}
            </p>
          )}
        </>
      )}

      {editing && (
        <Modal title={t('accountForm.editTitle', { username: editing.username })} onClose={() => setEditing(null)} className="modal-wide">
          <AccountForm
            account={editing}
            scopeCode={me.regionCode}
            isSelf={editing.id === me.id}
            onSaved={onEditSaved}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
      {resetting && (
        <ResetPasswordDialog
          account={resetting}
          onClose={() => {
            setResetting(null);
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
