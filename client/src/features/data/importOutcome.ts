import { ApiError } from '../../api/http';
import { currentLang } from '../../i18n/currentLang';
import { joinSentences } from '../../i18n/join';
import { MAX_IMPORT_BYTES, type ImportKind, type ImportReport } from '../../api/importTypes';
import { acceptsFile, extensionHint, formatSize, kindInfo } from './importKinds';
import type { DataKey, DataT } from './strings';

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/** The server's refusal in words a 社区书记 can act on; the server's own message stays in it. */
export function errorText(err: ApiError, t: DataT): string {
  const message = err.message;
  if (err.status === 401) return t('errSignedOut');
  if (err.status === 403) return t('errForbidden', { message });
  if (err.status === 413 || err.code === 'FILE_TOO_LARGE' || err.code === 'TOO_MANY_ROWS') return t('errTooLarge', { message });
  if (err.code === 'IMPORT_HAS_PROBLEMS') return t('errHasProblems', { message });
  if (err.code === 'UNREADABLE_FILE') return t('errUnreadable', { message });
  if (err.code === 'DATUM_SHIFT_UNKNOWN' || err.code === 'GRID_CODE_COLUMN_UNRECOGNISED') return t('errFileRefused', { message });
  if (err.status === 415 || err.code === 'UNSUPPORTED_FORMAT') return t('errUnsupported', { message });
  if (err.code === 'NETWORK_ERROR') return t('errNetwork');
  return t('errOther', { code: err.code, message });
}

/** Why this file cannot be sent for this kind, checked before uploading up to 20 MB. */
export function fileProblem(forKind: ImportKind, candidate: File | null, t: DataT): string | null {
  if (!candidate) return null;
  const target = kindInfo(forKind);
  if (!acceptsFile(target, candidate.name)) {
    const hint = extensionHint(candidate.name);
    const text = t('wrongType', { name: candidate.name, kind: t(target.label), formats: target.formats });
    return hint ? joinSentences(currentLang(), [text, t(hint)]) : text;
  }
  if (candidate.size > MAX_IMPORT_BYTES) return t('tooLarge', { size: formatSize(candidate.size) });
  if (candidate.size === 0) return t('emptyFile', { name: candidate.name });
  return null;
}

export interface CommitGate {
  key: Extract<DataKey, 'blocked' | 'nothingToImport' | 'nothingChanged' | 'ready'>;
  vars?: Record<string, number>;
}

/** Whether a dry-run report lets the import go ahead, and the sentence saying why (not). */
export function commitGate(report: ImportReport): CommitGate {
  const problems = report.problems.length;
  if (problems > 0) return { key: 'blocked', vars: { count: problems } };
  if (report.total === 0) return { key: 'nothingToImport' };
  if (report.create + report.update === 0) return { key: 'nothingChanged' };
  return { key: 'ready', vars: { create: report.create, update: report.update } };
}
