import { useId } from 'react';
import type { AttrErrors, AttrForm } from './gridForm';
import { useT } from '../../i18n/useT';
import { plannerText } from './strings';

interface Props {
  form: AttrForm;
  errors: AttrErrors;
  onChange: (form: AttrForm) => void;
  /** Read-only facts shown above the fields (code, community, version). */
  facts?: { label: string; value: string }[];
  disabled?: boolean;
  /**
   * Where the grid's households come from: 'buildings' (the sums of its buildings; shown, not
   * typed: the server ignores typed figures there), 'estimate' (typed, marked 估算).
   */
  householdsSource?: 'buildings' | 'estimate';
}

/** Name, households, residents, grid leader and phone of a grid, each with its label and error. */
export function GridForm({ form, errors, onChange, facts = [], disabled = false, householdsSource }: Props) {
  const { t } = useT(plannerText);
  const base = useId();
  const byBuildings = householdsSource === 'buildings';
  const field = (key: keyof AttrForm, label: string, options: { type?: string; inputMode?: 'numeric' | 'tel'; autoComplete?: string; placeholder?: string; readOnly?: boolean; hint?: string } = {}) => {
    const id = `${base}-${key}`;
    const error = errors[key];
    return (
      <div className="planner-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={key}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          placeholder={options.placeholder}
          value={form[key]}
          disabled={disabled}
          readOnly={options.readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : options.hint ? `${base}-hint` : undefined}
          onChange={(e) => onChange({ ...form, [key]: e.target.value })}
        />
        {error && (
          <p id={`${id}-error`} className="planner-field-error">
            {t(error)}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="planner-form">
      {facts.length > 0 && (
        <dl className="planner-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {field('name', t('name'))}
      <div className="planner-field-row">
        {byBuildings
          ? field('households', t('householdsByBuildings'), { inputMode: 'numeric', readOnly: true, hint: t('byBuildingsHint') })
          : field('households', householdsSource === 'estimate' ? t('householdsEstimate') : t('households'), { inputMode: 'numeric', placeholder: t('householdsEstimated') })}
        {byBuildings ? field('population', t('populationByBuildings'), { inputMode: 'numeric', readOnly: true, hint: t('byBuildingsHint') }) : field('population', t('population'), { inputMode: 'numeric' })}
      </div>
      {byBuildings && (
        <p id={`${base}-hint`} className="planner-hint" data-testid="households-by-buildings">
          {t('byBuildingsHint')}
        </p>
      )}
      <div className="planner-field-row">
        {field('leaderName', t('leaderName'))}
        {field('leaderPhone', t('leaderPhone'), { type: 'tel', inputMode: 'tel' })}
      </div>
    </div>
  );
}
