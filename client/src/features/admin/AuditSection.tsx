import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { auditExportUrl, getAudit, MAX_AUDIT_EXPORT_ROWS, type AuditEntry, type AuditQuery } from '../../api/getAudit';
import { queryRoot } from '../../api/queryClient';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/zh-CN';
import { actionLabel, detailsText, targetLabel } from './auditText';
import { describeSaveError } from './saveErrors';
import { usePagedList, type PagedList } from './usePagedList';
import { useDateTimeFormat } from './useDateTimeFormat';

const PAGE_SIZE = 50;

/** The main kinds of entries; the server filters by prefix, so 登录 leaves refused sign-ins out here. */
const KINDS: readonly { id: string; label: MessageKey; prefix: string; exclude?: readonly string[] }[] = [
  { id: 'login', label: 'audit.kind.login', prefix: 'auth.login', exclude: ['auth.login_failed', 'auth.login_disabled'] },
  { id: 'login-failed', label: 'audit.kind.loginFailed', prefix: 'auth.login_failed' },
  { id: 'logout', label: 'audit.kind.logout', prefix: 'auth.logout' },
  { id: 'grid', label: 'audit.kind.grid', prefix: 'grid.' },
  { id: 'facility', label: 'audit.kind.facility', prefix: 'facility.' },
  { id: 'user', label: 'audit.kind.user', prefix: 'user.' },
  { id: 'member-read', label: 'audit.kind.memberRead', prefix: 'member.read' },
  { id: 'import', label: 'audit.kind.import', prefix: 'import.' },
  { id: 'export', label: 'audit.kind.export', prefix: 'export.' },
];

interface Filters {
  kind: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { kind: '', actor: '', from: '', to: '' };

/** A `YYYY-MM-DD` from a date input as the start of that local day, in ISO form. */
function startOfDay(date: string, addDays = 0): string | undefined {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + addDays).toISOString();
}

function toFilterQuery(filters: Filters): Omit<AuditQuery, 'limit' | 'offset'> {
  const kind = KINDS.find((k) => k.id === filters.kind);
  return {
    action: kind?.prefix,
    actor: filters.actor.trim() || undefined,
    from: filters.from ? startOfDay(filters.from) : undefined,
    // The server's `to` is exclusive: the end date counts as a whole day.
    to: filters.to ? startOfDay(filters.to, 1) : undefined,
  };
}

function keep(filters: Filters): (e: AuditEntry) => boolean {
  const exclude = KINDS.find((k) => k.id === filters.kind)?.exclude ?? [];
  return (e) => !exclude.some((x) => e.action.startsWith(x));
}

/** 操作日志: newest first, filtered by kind, who and dates, 50 at a time; the filtered log as CSV. */
export function AuditSection() {
  const { t, num } = useT(commonText);
  const queryClient = useQueryClient();
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  // The download is recorded in the log itself: ask again once the server has had time to write it.
  const showOwnExport = () => window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: [queryRoot.audit] }), 1500);
  const list = usePagedList<AuditEntry>([queryRoot.audit, applied], (offset, signal) =>
    getAudit({ ...toFilterQuery(applied), limit: PAGE_SIZE, offset }, signal).then((page) => ({
      items: page.entries.filter(keep(applied)),
      fetched: page.entries.length,
      limit: page.limit,
    })),
  );

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <div className="section-header">
        <h2 id="audit-title">{t('audit.title')}</h2>
      </div>
      <AuditFilters applied={applied} onApply={setApplied} />
      <div className="audit-export">
        <a className="secondary-button" href={auditExportUrl(toFilterQuery(applied))} download onClick={showOwnExport}>
          {t('audit.exportCsv')}
        </a>
        <span className="field-hint">{t('audit.exportHint', { max: num(MAX_AUDIT_EXPORT_ROWS) })}</span>
      </div>
      <AuditList list={list} />
    </section>
  );
}

function AuditFilters({ applied, onApply }: { applied: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useT(commonText);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [dateError, setDateError] = useState<string | null>(null);
  const ids = { kind: useId(), actor: useId(), from: useId(), to: useId(), dateError: useId() };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setDateError(t('audit.dateOrder'));
      return;
    }
    setDateError(null);
    onApply({ ...draft });
    // Applying the same filters again asks the server again: new entries may have come.
    void queryClient.invalidateQueries({ queryKey: [queryRoot.audit] });
  };

  const clear = () => {
    setDraft(NO_FILTERS);
    onApply(NO_FILTERS);
    setDateError(null);
  };

  const filtered = applied.kind !== '' || applied.actor !== '' || applied.from !== '' || applied.to !== '';

  return (
    <form className="audit-filters" onSubmit={apply} aria-label={t('audit.filters')} noValidate>
      <div className="field">
        <label htmlFor={ids.kind}>{t('audit.action')}</label>
        <select id={ids.kind} name="action" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
          <option value="">{t('audit.actionAll')}</option>
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {t(k.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.actor}>{t('audit.actor')}</label>
        <input
          id={ids.actor}
          name="actor"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
        />
      </div>
      {(['from', 'to'] as const).map((end) => (
        <div className="field" key={end}>
          <label htmlFor={ids[end]}>{t(`audit.${end}`)}</label>
          <input
            id={ids[end]}
            name={end}
            type="date"
            value={draft[end]}
            onChange={(e) => setDraft({ ...draft, [end]: e.target.value })}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? ids.dateError : undefined}
          />
        </div>
      ))}
      {dateError && (
        <p id={ids.dateError} className="field-error audit-date-error" role="alert">
          {dateError}
        </p>
      )}
      <div className="form-actions audit-actions">
        {filtered && (
          <button type="button" className="secondary-button" onClick={clear}>
            {t('audit.clear')}
          </button>
        )}
        <button type="submit" className="primary-button">
          {t('audit.apply')}
        </button>
      </div>
    </form>
  );
}

function AuditList({ list }: { list: PagedList<AuditEntry> }) {
  const { t } = useT(commonText);
  const formatTime = useDateTimeFormat();
  if (list.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('audit.loading')}
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <p className="form-error" role="alert">
        {t('audit.loadError', { message: describeSaveError(list.error, t).top ?? list.error.message })}{' '}
        <button type="button" className="link-button" onClick={list.retry}>
          {t('status.retry')}
        </button>
      </p>
    );
  }
  if (list.items.length === 0 && !list.more) return <p className="empty-state">{t('audit.empty')}</p>;
  return (
    <>
      {list.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-title">
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colActor')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colTarget')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
                <th scope="col">{t('audit.colIp')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => {
                const details = detailsText(e, t);
                return (
                  <tr key={e.id} data-action={e.action}>
                    <td className="cell-time">
                      <time dateTime={e.at}>{formatTime(e.at)}</time>
                    </td>
                    <td>{e.actor ?? <span className="muted">{t('audit.anonymous')}</span>}</td>
                    <td>{actionLabel(e.action, t)}</td>
                    <td>{targetLabel(e, t)}</td>
                    <td className="cell-details" title={details}>
                      {details || '—'}
                    </td>
                    <td className="cell-ip">{e.ip ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(list.items.length > 0 || list.more) && (
        <div className="list-footer">
          <span className="muted" role="status">
            {list.more ? t('audit.count', { count: list.items.length }) : t('audit.end', { count: list.items.length })}
          </span>
          {list.more && (
            <button type="button" className="secondary-button" disabled={list.loadingMore} onClick={list.loadMore}>
              {t('audit.loadMore')}
            </button>
          )}
        </div>
      )}
      {list.moreError && (
        <p className="form-error" role="alert">
          {t('audit.loadError', { message: list.moreError.message })}
        </p>
      )}
    </>
  );
}
