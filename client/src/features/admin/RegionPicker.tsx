import { useId } from 'react';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { useRegionOptions, type RegionOption } from '../../ui/useRegionOptions';

export interface RegionPickerProps {
  /** The chosen region code ('' when none yet). */
  value: string;
  onChange: (code: string) => void;
  /** The admin's own scope: only regions inside it can be chosen. */
  scopeCode: string;
  disabled?: boolean;
  /** Error text shown under the picker. */
  error?: string;
  /** id of the hint that explains what a scope is. */
  hintId?: string;
}

const inScope = (code: string, scope: string) => code.startsWith(scope);
/** Shown as a step towards the scope even if not choosable itself (the district of a street admin). */
const onPath = (code: string, scope: string) => scope.startsWith(code) || code.startsWith(scope);

/**
 * 管辖范围: district → street → community. Choosing a street (or leaving "整个区") decides how
 * deep the scope goes; the chosen region is the deepest level picked.
 */
export function RegionPicker({ value, onChange, scopeCode, disabled, error, hintId }: RegionPickerProps) {
  const { t } = useT(commonText);
  const state = useRegionOptions();
  const ids = { district: useId(), street: useId(), community: useId(), chosen: useId(), error: useId() };

  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('accountForm.regionsLoading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="form-error" role="alert">
        {t('accountForm.regionsError', { message: state.error.message })}{' '}
        <button type="button" className="link-button" onClick={state.retry}>
          {t('status.retry')}
        </button>
      </p>
    );
  }

  const { regions, byCode } = state;
  const chosen = byCode.get(value);
  const chain: Partial<Record<RegionOption['level'], string>> = {};
  for (let r = chosen; r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) chain[r.level] = r.code;

  const children = (level: RegionOption['level'], parent: string | undefined) =>
    regions.filter((r) => r.level === level && (parent === undefined || r.parentCode === parent) && onPath(r.code, scopeCode));

  const districts = children('district', undefined);
  const district = chain.district ?? (districts.length === 1 ? districts[0]!.code : '');
  const streets = district ? children('street', district) : [];
  const street = chain.street ?? '';
  const communities = street ? children('community', street) : [];
  const describedBy = [hintId, error ? ids.error : '', ids.chosen].filter(Boolean).join(' ');
  const invalid = error ? true : undefined;

  return (
    <div className="region-picker">
      <div className="region-picker-row">
        <div className="field">
          <label htmlFor={ids.district}>{t('accountForm.district')}</label>
          <select
            id={ids.district}
            name="district"
            value={district}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          >
            {district === '' && <option value="">—</option>}
            {districts.map((r) => (
              <option key={r.code} value={r.code} disabled={!inScope(r.code, scopeCode)}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.street}>{t('accountForm.street')}</label>
          <select
            id={ids.street}
            name="street"
            value={street}
            disabled={disabled || streets.length === 0}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value || district)}
          >
            <option value="" disabled={!inScope(district, scopeCode)}>
              {t('accountForm.wholeDistrict')}
            </option>
            {streets.map((r) => (
              <option key={r.code} value={r.code} disabled={!inScope(r.code, scopeCode)}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.community}>{t('accountForm.community')}</label>
          <select
            id={ids.community}
            name="community"
            value={chain.community ?? ''}
            disabled={disabled || communities.length === 0}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value || street)}
          >
            <option value="" disabled={street !== '' && !inScope(street, scopeCode)}>
              {t('accountForm.wholeStreet')}
            </option>
            {communities.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
      <p id={ids.chosen} className="region-chosen" aria-live="polite">
        {chosen ? t('accountForm.chosenScope', { name: chosen.name, code: chosen.code }) : ''}
      </p>
    </div>
  );
}
