import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getGrids } from '../../api/getGrids';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';

export interface GridCodesPickerProps {
  /** The account's scope: the grids are listed once it is a community (12 digits). */
  communityCode: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  disabled?: boolean;
  error?: string;
}

/** 所属网格 of a grid worker: the current grids of the chosen community, ticked one or more. */
export function GridCodesPicker({ communityCode, value, onChange, disabled = false, error }: GridCodesPickerProps) {
  const { t } = useT(commonText);
  const hintId = useId();
  const errorId = useId();
  const isCommunity = /^\d{12}$/.test(communityCode);
  const grids = useQuery({
    queryKey: ['grids', 'community', communityCode],
    queryFn: ({ signal }) => getGrids({ community: communityCode }, signal),
    enabled: isCommunity,
    staleTime: 5 * 60_000,
  });
  const options = (grids.data?.features ?? []).map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code));
  // Codes already held that the list no longer offers stay visible, so unticking them is possible.
  const extra = value.filter((code) => !options.some((p) => p.code === code));
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  const describedBy = [hintId, error ? errorId : ''].filter(Boolean).join(' ');

  return (
    <fieldset className="field-group grid-codes-picker" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{t('accountForm.gridCodes')}</legend>
      <p id={hintId} className="field-hint">
        {isCommunity ? t('accountForm.gridCodesHint') : t('accountForm.gridCodesPickCommunity')}
      </p>
      {isCommunity && grids.isPending && (
        <p className="muted" role="status">
          {t('accountForm.gridCodesLoading')}
        </p>
      )}
      {grids.isError && (
        <p className="field-error" role="alert">
          {t('accountForm.gridCodesError', { message: grids.error.message })}
        </p>
      )}
      {isCommunity && grids.isSuccess && options.length === 0 && <p className="muted">{t('accountForm.gridCodesNone')}</p>}
      <ul className="grid-codes-list">
        {[...options.map((p) => ({ code: p.code, name: p.name })), ...extra.map((code) => ({ code, name: '' }))].map((g) => (
          <li key={g.code}>
            <label>
              <input
                type="checkbox"
                name="gridCodes"
                value={g.code}
                checked={value.includes(g.code)}
                disabled={disabled}
                onChange={(e) => toggle(g.code, e.target.checked)}
              />{' '}
              {g.name ? `${g.name}（${g.code}）` : g.code}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
