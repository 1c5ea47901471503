import type { AuditAction, AuditEntry } from '../../api/getAudit';
import type { CommonKey } from '../../i18n/common';
import { currentLang } from '../../i18n/currentLang';
import { joinClauses } from '../../i18n/join';
import type { T } from '../../i18n/useT';
import { zhCN, type MessageKey } from '../../i18n/zh-CN';

// The audit log in words: Chinese action names, objects by name and code, details as short
// sentences for the common actions (anything else as short `key: value` pairs).

// Compiles only while every action the server records has a name (`auditAction.<action>`).
type EveryActionNamed = `auditAction.${AuditAction}` extends MessageKey ? true : never;
const everyActionNamed: EveryActionNamed = true;
void everyActionNamed;

const isKey = (key: string): key is MessageKey => key in zhCN;

export function actionLabel(action: string, t: T<CommonKey>): string {
  const key = `auditAction.${action}`;
  return isKey(key) ? t(key) : action;
}

function entityLabel(entity: string, t: T<CommonKey>): string {
  const key = `audit.entity.${entity}`;
  return isKey(key) ? t(key) : entity;
}

const SHOWN_TARGETS = 3;

/** 胜利门社区第5网格（320213…）; members only as a count, never by id. */
export function targetLabel(entry: AuditEntry, t: T<CommonKey>): string {
  if (!entry.entity) return entry.regionName ?? '—';
  if (entry.entity === 'member') return entry.entityIds.length > 0 ? t('audit.targetMembers', { count: entry.entityIds.length }) : entityLabel('member', t);
  const entity = entityLabel(entry.entity, t);
  if (entry.entityIds.length === 0) return entry.regionName ? `${entity}（${entry.regionName}）` : entity;
  const named = entry.entityIds.slice(0, SHOWN_TARGETS).map((id, i) => {
    const target = entry.targets[i];
    if (!target || entry.targets.length === 0) return `${entity} #${id}`;
    if (target.name === null) return t('audit.targetGone', { entity, id });
    return target.code ? t('audit.targetNamed', { name: target.name, code: target.code }) : target.name;
  });
  const more = entry.entityIds.length > SHOWN_TARGETS ? ` ${t('audit.targetMore', { count: entry.entityIds.length })}` : '';
  return `${named.join('、')}${more}`;
}

type Details = Record<string, unknown>;

const text = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0);

function roleName(role: unknown, t: T<CommonKey>): string {
  const key = `role.${text(role)}`;
  return isKey(key) ? t(key) : text(role);
}

function gridSentences(d: Details, t: T<CommonKey>): string[] {
  const parts: string[] = [];
  if (count(d.neighbours) > 0) parts.push(t('auditDetail.neighbours', { count: count(d.neighbours) }));
  if (count(d.moves) > 0) parts.push(t('auditDetail.moves', { count: count(d.moves) }));
  if (d.newCode) parts.push(t('auditDetail.newCode', { code: text(d.newCode) }));
  if (d.retired) parts.push(t('auditDetail.retired', { code: text(d.retired) }));
  if (d.adjustNeighbours === true) parts.push(t('auditDetail.previewNeighbours'));
  if (d.changeset) parts.push(t('auditDetail.changeset', { id: text(d.changeset) }));
  if (d.note) parts.push(t('auditDetail.note', { note: text(d.note) }));
  return parts;
}

function userUpdateSentences(d: Details, t: T<CommonKey>, regionName: string | null): string[] {
  const before = (d.before ?? {}) as Details;
  const change = (d.change ?? {}) as Details;
  return (['displayName', 'role', 'regionCode'] as const)
    .filter((field) => change[field] !== undefined)
    .map((field) => {
      const show = (v: unknown) => (field === 'role' ? roleName(v, t) : field === 'regionCode' && v === change[field] && regionName ? regionName : text(v));
      return t('auditDetail.change', { field: t(`auditDetail.field.${field}`), before: show(before[field]), after: show(change[field]) });
    });
}

/** Sentences for the actions people read most; the rest as short `key: value` pairs. */
function sentences(entry: AuditEntry, d: Details, t: T<CommonKey>): string[] | undefined {
  const region = entry.regionName ?? text(d.region ?? d.community);
  const [prefix] = entry.action.split('.');
  if (prefix === 'grid' || prefix === 'changeset') return gridSentences(d, t);
  if (prefix === 'import') {
    return [t('auditDetail.import', { file: text(d.file), total: text(d.total), create: text(d.create), update: text(d.update), unchanged: text(d.unchanged) })];
  }
  if (prefix === 'export') {
    const format = text(d.format).toUpperCase();
    return [d.region ? t('auditDetail.exportIn', { region, format, count: text(d.count) }) : t('auditDetail.export', { format, count: text(d.count) })];
  }
  switch (entry.action) {
    case 'member.read':
      return [t('auditDetail.memberRead', { count: text(d.count) }), t('auditDetail.region', { region })];
    case 'coverage.heatmap':
      return [t('auditDetail.heatmap', { region, cell: text(d.cellMeters) })];
    case 'auth.login_failed':
      return [t('auditDetail.username', { username: text(d.username) })];
    case 'user.create':
      return [t('auditDetail.userCreate', { role: roleName(d.role, t), region: entry.regionName ?? text(d.regionCode) })];
    case 'user.update':
      return userUpdateSentences(d, t, entry.regionName);
    case 'user.disable':
      return count(d.sessionsEnded) > 0 ? [t('auditDetail.sessionsEnded', { count: count(d.sessionsEnded) })] : [];
    case 'user.enable':
      return [];
    case 'audit.export':
      return [t('auditDetail.auditExport', { count: text(d.count) })];
  }
  if (prefix === 'facility' && d.name) {
    const kind = `kind.${text(d.kind)}`;
    return [d.kind && isKey(kind) ? t('auditDetail.facility', { name: text(d.name), kind: t(kind) }) : text(d.name)];
  }
  return undefined;
}

export function detailsText(entry: AuditEntry, t: T<CommonKey>): string {
  const parts: string[] = [];
  if (entry.beforeVersion !== null || entry.afterVersion !== null) {
    parts.push(t('audit.version', { before: entry.beforeVersion ?? '—', after: entry.afterVersion ?? '—' }));
  }
  const d = entry.details ?? {};
  const said = sentences(entry, d, t);
  if (said) parts.push(...said);
  else for (const [key, value] of Object.entries(d)) parts.push(`${key}: ${text(value)}`);
  return joinClauses(currentLang(), parts);
}
