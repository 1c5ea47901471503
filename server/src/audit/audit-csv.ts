import type { AuditAction, AuditEntry } from '../contract/audit.ts';
import type { CsvCell } from '../contract/csv.ts';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES } from './audit-names.ts';

export const AUDIT_CSV_HEADER = ['时间', '操作人', '操作', '操作代码', '对象类型', '对象', '区划', '版本', '详情', 'IP 地址'];

const isNamed = (action: string): action is AuditAction => action in AUDIT_ACTION_NAMES;

/** China has one time zone and no daylight saving: times are written as Beijing time, as people read them. */
function beijingTime(at: string | Date): string {
  const shifted = new Date(new Date(at).getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19).replace('T', ' ')} +08:00`;
}

/** Members are counted, never listed: their ids stay out of the file. */
function objects(e: AuditEntry): string {
  if (e.entity === 'member') return e.entityIds.length > 0 ? `${e.entityIds.length} 人` : '';
  const named = e.targets.map((t) => (t.name ? (t.code ? `${t.name} (${t.code})` : t.name) : `#${t.id}`));
  const rest = e.entityIds.length - e.targets.length;
  if (named.length === 0) return e.entityIds.map((id) => `#${id}`).join('；');
  return rest > 0 ? `${named.join('；')} 等 ${e.entityIds.length} 个` : named.join('；');
}

function version(e: AuditEntry): string {
  if (e.beforeVersion === null && e.afterVersion === null) return '';
  return `${e.beforeVersion ?? '—'} → ${e.afterVersion ?? '—'}`;
}

/** One CSV row of an entry: names instead of codes where the log has them, details as written. */
export function auditCsvRow(e: AuditEntry): CsvCell[] {
  return [
    beijingTime(e.at),
    e.actor ?? '（未登录）',
    isNamed(e.action) ? AUDIT_ACTION_NAMES[e.action] : e.action,
    e.action,
    e.entity ? (AUDIT_ENTITY_NAMES[e.entity] ?? e.entity) : '',
    objects(e),
    e.regionName ?? '',
    version(e),
    e.details ? JSON.stringify(e.details) : '',
    e.ip ?? '',
  ];
}
