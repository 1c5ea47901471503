import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../api/accountTypes';
import { createUser } from '../../api/createUser';
import { updateUser, type AccountChange } from '../../api/updateUser';
import type { Role } from '../../api/session';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { ROLES } from '../../ui/roleNames';
import { GridCodesPicker } from './GridCodesPicker';
import { RegionPicker } from './RegionPicker';
import { TextField } from './TextField';
import { checkAccountInput, describeSaveError, type AccountField, type FieldErrors } from './saveErrors';

export type AccountFormResult =
  | { kind: 'created'; user: AccountSummary; password: string }
  | { kind: 'updated'; user: AccountSummary };

export interface AccountFormProps {
  /** The account being edited; a new account when absent. */
  account?: AccountSummary;
  /** The admin's own scope, which bounds the scope picker. */
  scopeCode: string;
  /** Whether `account` is the signed-in admin (who cannot change their own role or scope). */
  isSelf?: boolean;
  onSaved: (result: AccountFormResult) => void;
  onCancel: () => void;
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}

/** Create or edit an account: name, role and scope (and username for a new one; grids for a grid worker). */
export function AccountForm({ account, scopeCode, isSelf = false, onSaved, onCancel }: AccountFormProps) {
  const { t } = useT(commonText);
  const creating = account === undefined;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<Role>(account?.role ?? 'planner');
  const [regionCode, setRegionCode] = useState(account?.regionCode ?? scopeCode);
  // A grid worker's grids (网格员 only); kept inside the chosen scope.
  const [gridCodes, setGridCodes] = useState<string[]>(account?.gridCodes ?? []);
  const chooseRegion = (code: string) => {
    setRegionCode(code);
    setGridCodes((codes) => codes.filter((c) => c.startsWith(code)));
  };
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const topRef = useRef<HTMLParagraphElement>(null);
  const ids = {
    role: useId(),
    roleHint: useId(),
    roleError: useId(),
    scopeHint: useId(),
  };

  const focusFirstProblem = (fields: FieldErrors) => {
    // Wait for the messages to render, then take the user to the first field to fix.
    window.setTimeout(() => {
      const order: AccountField[] = ['username', 'displayName', 'role', 'regionCode', 'gridCodes'];
      const first = order.find((f) => fields[f]);
      const form = formRef.current;
      const target = first
        ? form?.querySelector<HTMLElement>(first === 'regionCode' ? '.region-picker select:not([disabled])' : `[name="${first}"]:not([disabled])`)
        : topRef.current;
      target?.focus();
    }, 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const local = checkAccountInput({ username: creating ? username : undefined, displayName, regionCode, role, gridCodes }, t);
    setFieldErrors(local);
    setTopError(null);
    if (Object.keys(local).length > 0) {
      focusFirstProblem(local);
      return;
    }
    setPending(true);
    try {
      if (creating) {
        const made = await createUser({ username, displayName: displayName.trim(), role, regionCode, ...(role === 'gridworker' ? { gridCodes } : {}) });
        onSaved({ kind: 'created', user: made.user, password: made.password });
        return;
      }
      const change: AccountChange = {};
      if (displayName.trim() !== account.displayName) change.displayName = displayName.trim();
      if (!isSelf && role !== account.role) change.role = role;
      if (!isSelf && regionCode !== account.regionCode) change.regionCode = regionCode;
      if (!isSelf && role === 'gridworker' && (account.role !== 'gridworker' || !sameCodes(gridCodes, account.gridCodes))) change.gridCodes = gridCodes;
      const user = Object.keys(change).length > 0 ? await updateUser(account.id, change) : account;
      onSaved({ kind: 'updated', user });
    } catch (err) {
      const described = describeSaveError(err, t);
      setFieldErrors(described.fields);
      setTopError(described.top ?? null);
      setPending(false);
      focusFirstProblem(described.fields);
    }
  };

  const describe = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ') || undefined;

  return (
    <form ref={formRef} className="account-form" onSubmit={submit} noValidate>
      {topError && (
        <p ref={topRef} className="form-error" role="alert" tabIndex={-1}>
          {topError}
        </p>
      )}
      {creating && (
        <TextField
          name="username"
          label={t('accountForm.username')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={setUsername}
          error={fieldErrors.username}
          hint={t('accountForm.usernameHint')}
        />
      )}
      <TextField
        name="displayName"
        label={t('accountForm.displayName')}
        autoComplete="off"
        maxLength={100}
        value={displayName}
        onChange={setDisplayName}
        error={fieldErrors.displayName}
      />
      <div className="field">
        <label htmlFor={ids.role}>{t('accountForm.role')}</label>
        <select
          id={ids.role}
          name="role"
          value={role}
          disabled={isSelf}
          onChange={(e) => setRole(e.target.value as Role)}
          aria-invalid={fieldErrors.role ? true : undefined}
          aria-describedby={describe(fieldErrors.role && ids.roleError, ids.roleHint)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {fieldErrors.role && (
          <p id={ids.roleError} className="field-error">
            {fieldErrors.role}
          </p>
        )}
        <p id={ids.roleHint} className="field-hint">
          {t(`accountForm.roleHint.${role}`)}
        </p>
      </div>
      <fieldset className="field-group">
        <legend>{t('accountForm.scope')}</legend>
        <p id={ids.scopeHint} className="field-hint">
          {t('accountForm.scopeHint')}
        </p>
        <RegionPicker
          value={regionCode}
          onChange={chooseRegion}
          scopeCode={scopeCode}
          disabled={isSelf}
          error={fieldErrors.regionCode}
          hintId={ids.scopeHint}
        />
      </fieldset>
      {role === 'gridworker' && (
        <GridCodesPicker communityCode={regionCode} value={gridCodes} onChange={setGridCodes} disabled={isSelf} error={fieldErrors.gridCodes} />
      )}
      <p className="field-hint form-note">{creating ? t('accountForm.passwordNote') : isSelf ? t('accountForm.ownAccessNote') : ''}</p>
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel}>
          {t('accountForm.cancel')}
        </button>
        <button type="submit" className="primary-button" disabled={pending} aria-busy={pending}>
          {pending ? t('accountForm.saving') : creating ? t('accountForm.submitCreate') : t('accountForm.submitEdit')}
        </button>
      </div>
    </form>
  );
}
