import { isApiError } from '../../api/http';
import type { CommonKey } from '../../i18n/common';
import type { T } from '../../i18n/useT';
import { REGION_CODE } from '../../../../server/src/contract/region-code.ts';

export type AccountField = 'username' | 'displayName' | 'role' | 'regionCode' | 'gridCodes';
export type FieldErrors = Partial<Record<AccountField, string>>;

export interface SaveErrors {
  /** Shown on top of the form (role=alert). */
  top?: string;
  /** Shown next to each field. */
  fields: FieldErrors;
}

const FIELD_MESSAGES: Record<AccountField, CommonKey> = {
  username: 'accountForm.err.usernameFormat',
  displayName: 'accountForm.err.displayName',
  role: 'accountForm.err.role',
  regionCode: 'accountForm.err.region',
  gridCodes: 'accountForm.err.gridCodes',
};

const isAccountField = (name: string): name is AccountField => name in FIELD_MESSAGES;

/** Turns a server answer into messages that sit where the user can fix them. */
export function describeSaveError(err: unknown, t: T<CommonKey>): SaveErrors {
  if (!isApiError(err)) return { top: t('admin.unavailable'), fields: {} };
  switch (err.code) {
    case 'USERNAME_TAKEN':
      return { fields: { username: t('accountForm.err.usernameTaken') } };
    case 'UNKNOWN_REGION':
      return { fields: { regionCode: t('accountForm.err.unknownRegion') } };
    case 'OUTSIDE_SCOPE':
      return { fields: { regionCode: t('accountForm.err.outsideScope') } };
    case 'GRID_CODES_REQUIRED':
      return { fields: { gridCodes: t('accountForm.err.gridCodes') } };
    case 'GRID_NOT_FOUND':
      return { fields: { gridCodes: t('accountForm.err.gridNotFound') } };
    case 'CANNOT_CHANGE_OWN_ACCESS':
      return { top: t('accountForm.err.ownAccess'), fields: {} };
  }
  if (err.status === 400) {
    const reported = (err.details as { fields?: { field?: unknown; message?: unknown }[] } | undefined)?.fields ?? [];
    const fields: FieldErrors = {};
    const others: string[] = [];
    for (const { field, message } of reported) {
      // A grid code's problem comes as `gridCodes.0`: it belongs to the grids field.
      const name = typeof field === 'string' ? field.replace(/\.\d+$/, '') : '';
      if (isAccountField(name)) fields[name] ??= t(FIELD_MESSAGES[name]);
      else others.push(`${name}: ${typeof message === 'string' ? message : ''}`);
    }
    const top = others.length > 0 ? t('accountForm.errorTop', { message: others.join('; ') }) : t('accountForm.fixFields');
    return Object.keys(fields).length > 0 || others.length > 0 ? { top, fields } : { top: t('accountForm.errorTop', { message: err.message }), fields: {} };
  }
  if (err.status === 401) return { top: t('accountForm.err.signedOut'), fields: {} };
  if (err.status === 403) return { top: t('accountForm.err.forbidden'), fields: {} };
  if (err.status === 404) return { top: t('accountForm.err.notFound'), fields: {} };
  if (err.status === 0 || err.status >= 500) return { top: t('admin.unavailable'), fields: {} };
  return { top: t('accountForm.errorTop', { message: err.message }), fields: {} };
}

/** The same rules as the server, checked before sending so the user sees them at once. */
export function checkAccountInput(
  input: { username?: string; displayName: string; regionCode: string; role?: string; gridCodes?: readonly string[] },
  t: T<CommonKey>,
): FieldErrors {
  const errors: FieldErrors = {};
  if (input.username !== undefined && !/^[A-Za-z0-9_.-]{3,64}$/.test(input.username)) {
    errors.username = t('accountForm.err.usernameFormat');
  }
  const name = input.displayName.trim();
  if (name.length === 0 || name.length > 100) errors.displayName = t('accountForm.err.displayName');
  if (!REGION_CODE.test(input.regionCode)) errors.regionCode = t('accountForm.err.region');
  else if (input.role === 'gridworker' && !/^\d{12}$/.test(input.regionCode)) errors.regionCode = t('accountForm.err.gridCommunity');
  if (input.role === 'gridworker' && (input.gridCodes ?? []).length === 0) errors.gridCodes = t('accountForm.err.gridCodes');
  return errors;
}
