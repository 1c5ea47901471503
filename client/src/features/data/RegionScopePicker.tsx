import { useId } from 'react';
import { useT } from '../../i18n/useT';
import { useRegionOptions, type RegionOption } from '../../ui/useRegionOptions';
import { dataText } from './strings';

export interface RegionScopePickerProps {
  /** The account's scope: only it and the regions inside it can be chosen. */
  scopeCode: string;
  scopeName: string;
  /** The chosen region code (the scope itself at first). */
  value: string;
  onChange: (code: string) => void;
}

/**
 * 导出范围: the account's own region or a street or community inside it. A community account has
 * nothing to choose. When the names cannot load, exports still work for the whole scope.
 */
export function RegionScopePicker({ scopeCode, scopeName, value, onChange }: RegionScopePickerProps) {
  const { t } = useT(dataText);
  const state = useRegionOptions();
  const ids = { street: useId(), community: useId(), chosen: useId() };

  if (scopeCode.length >= 12) {
    return <p className="region-only">{t('regionOnly', { name: scopeName })}</p>;
  }
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('regionsLoading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="form-error" role="alert">
        {t('regionsError', { message: state.error.message })}{' '}
        <button type="button" className="link-button" onClick={state.retry}>
          {t('retry')}
        </button>
        <br />
        {t('regionOnly', { name: scopeName })}
      </p>
    );
  }

  const { regions, byCode } = state;
  const scope = byCode.get(scopeCode);
  const chain: Partial<Record<RegionOption['level'], string>> = {};
  for (let r = byCode.get(value); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) chain[r.level] = r.code;
  const childrenOf = (parent: string) => regions.filter((r) => r.parentCode === parent);

  const scopeLevel = scope?.level ?? (scopeCode.length === 6 ? 'district' : 'street');
  const street = scopeLevel === 'street' ? scopeCode : (chain.street ?? '');
  const streets = scopeLevel === 'district' ? childrenOf(scopeCode) : [];
  const communities = street ? childrenOf(street) : [];
  const chosen = byCode.get(value);
  const streetName = byCode.get(street)?.name ?? '';

  return (
    <div className="region-scope">
      <div className="region-scope-row">
        {scopeLevel === 'district' && (
          <div className="field">
            <label htmlFor={ids.street}>{t('streetLabel')}</label>
            <select
              id={ids.street}
              name="street"
              value={street}
              aria-describedby={ids.chosen}
              onChange={(e) => onChange(e.target.value || scopeCode)}
            >
              <option value="">{t('wholeScope', { name: scope?.name ?? scopeName })}</option>
              {streets.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.community}>{t('communityLabel')}</label>
          <select
            id={ids.community}
            name="community"
            value={chain.community ?? ''}
            disabled={communities.length === 0}
            aria-describedby={ids.chosen}
            onChange={(e) => onChange(e.target.value || street)}
          >
            <option value="">{street ? t('wholeScope', { name: streetName }) : '—'}</option>
            {communities.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={ids.chosen} className="region-chosen" aria-live="polite">
        {t('chosenRegion', { name: chosen?.name ?? scopeName, code: value })}
      </p>
    </div>
  );
}
