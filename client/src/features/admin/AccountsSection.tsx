import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Account, AccountSummary } from '../../api/accountTypes';
import { getUsers } from '../../api/getUsers';
import { queryRoot } from '../../api/queryClient';
import type { SessionUser } from '../../api/session';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { AccountForm, type AccountFormResult } from './AccountForm';
import { AccountStatusDialog } from './AccountStatusDialog';
import { PasswordReveal } from './PasswordReveal';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { describeSaveError } from './saveErrors';
import { usePagedList, type PagedList } from './usePagedList';
import { useDateTimeFormat } from './useDateTimeFormat';

const PAGE_SIZE = 50;

/** 账号列表 with create, edit, reset password, and disable / enable. */
export function AccountsSection({ me }: { me: SessionUser }) {
  const { t } = useT(commonText);
  const queryClient = useQueryClient();
  const list = usePagedList<Account>([queryRoot.accounts, 'list'], (offset, signal) =>
    getUsers({ limit: PAGE_SIZE, offset }, signal).then((page) => ({ items: page.users, fetched: page.users.length, limit: page.limit })),
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ user: AccountSummary; password: string } | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [changingStatus, setChangingStatus] = useState<Account | null>(null);
  const [notice, setNotice] = useState('');
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: [queryRoot.accounts] });

  const onCreateSaved = (result: AccountFormResult) => {
    if (result.kind !== 'created') return;
    setCreating(false);
    setCreated({ user: result.user, password: result.password });
    reload();
  };

  const onEditSaved = (result: AccountFormResult) => {
    setEditing(null);
    setNotice(t('accountForm.saved', { username: result.user.username }));
    reload();
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

      <AccountsList
        list={list}
        me={me}
        onEdit={(u) => {
          setNotice('');
          setEditing(u);
        }}
        onReset={setResetting}
        onChangeStatus={(u) => {
          setNotice('');
          setChangingStatus(u);
        }}
      />

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
      {changingStatus && (
        <AccountStatusDialog
          account={changingStatus}
          onClose={() => setChangingStatus(null)}
          onDone={(username) => {
            setNotice(t(changingStatus.disabled ? 'enable.done' : 'disable.done', { username }));
            setChangingStatus(null);
            reload();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          account={resetting}
          onClose={() => {
            setResetting(null);
            reload();
          }}
        />
      )}
    </section>
  );
}

interface AccountsListProps {
  list: PagedList<Account>;
  me: SessionUser;
  onEdit: (account: Account) => void;
  onReset: (account: Account) => void;
  onChangeStatus: (account: Account) => void;
}

function AccountsList({ list, me, onEdit, onReset, onChangeStatus }: AccountsListProps) {
  const { t } = useT(commonText);
  if (list.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('accounts.loading')}
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <p className="form-error" role="alert">
        {t('accounts.loadError', { message: describeSaveError(list.error, t).top ?? list.error.message })}{' '}
        <button type="button" className="link-button" onClick={list.retry}>
          {t('status.retry')}
        </button>
      </p>
    );
  }
  if (list.items.length === 0) return <p className="empty-state">{t('accounts.empty')}</p>;
  return (
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
              <th scope="col">{t('accounts.colLastLogin')}</th>
              <th scope="col">{t('accounts.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <AccountRow key={u.id} account={u} isMe={u.id === me.id} onEdit={onEdit} onReset={onReset} onChangeStatus={onChangeStatus} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="list-footer">
        <span className="muted">{t('accounts.count', { count: list.items.length })}</span>
        {list.more && (
          <button type="button" className="secondary-button" disabled={list.loadingMore} onClick={list.loadMore}>
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
  );
}

type RowProps = { account: Account; isMe: boolean } & Pick<AccountsListProps, 'onEdit' | 'onReset' | 'onChangeStatus'>;

function AccountStatus({ account: u }: { account: Account }) {
  const { t } = useT(commonText);
  const formatTime = useDateTimeFormat();
  if (u.disabled) {
    return (
      <span className="status-disabled" title={u.disabledAt ? t('accounts.disabledSince', { time: formatTime(u.disabledAt) }) : undefined}>
        {t('accounts.disabled')}
      </span>
    );
  }
  if (u.signedIn) {
    return (
      <span className="status-online">
        <span className="status-dot" aria-hidden="true" />
        {t('accounts.online')}
      </span>
    );
  }
  if (u.lastSeen) return <span className="muted">{t('accounts.lastSeen', { time: formatTime(u.lastSeen) })}</span>;
  return <span className="muted">{t('accounts.active')}</span>;
}

function AccountRow({ account: u, isMe, onEdit, onReset, onChangeStatus }: RowProps) {
  const { t } = useT(commonText);
  const formatTime = useDateTimeFormat();
  return (
    <tr data-username={u.username} data-disabled={u.disabled ? '' : undefined} className={u.disabled ? 'row-disabled' : undefined}>
      <th scope="row" className="cell-username">
        {u.username}
        {isMe && <span className="muted">{t('accounts.you')}</span>}
      </th>
      <td>{u.displayName}</td>
      <td>{t(`role.${u.role}`)}</td>
      <td>
        {u.regionName}
        {u.gridCodes.length > 0 && <span className="account-grids muted">{t('accounts.gridCodes', { codes: u.gridCodes.join('\n') })}</span>}
      </td>
      <td className="cell-status">
        <AccountStatus account={u} />
      </td>
      <td className="cell-time">
        {u.lastLogin ? <time dateTime={u.lastLogin}>{formatTime(u.lastLogin)}</time> : <span className="muted">{t('accounts.neverSignedIn')}</span>}
      </td>
      <td>
        <div className="cell-actions">
          <button type="button" className="small-button" aria-label={t('accounts.editLabel', { username: u.username })} onClick={() => onEdit(u)}>
            {t('accounts.edit')}
          </button>
          <button type="button" className="small-button" aria-label={t('accounts.resetLabel', { username: u.username })} onClick={() => onReset(u)}>
            {t('accounts.reset')}
          </button>
          {!isMe && (
            <button
              type="button"
              className={u.disabled ? 'small-button' : 'small-button danger-text'}
              aria-label={t(u.disabled ? 'accounts.enableLabel' : 'accounts.disableLabel', { username: u.username })}
              onClick={() => onChangeStatus(u)}
            >
              {t(u.disabled ? 'accounts.enable' : 'accounts.disable')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
