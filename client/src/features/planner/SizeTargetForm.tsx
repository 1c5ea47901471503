import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { putSizeTarget, type SizeTarget, type SizeTargetRequest } from '../../api/balance';
import { queryRoot } from '../../api/queryClient';
import { useT } from '../../i18n/useT';
import { plannerText, type PlannerKey } from './strings';

interface Fields {
  min: string;
  max: string;
  deviation: string;
}

type FieldErrors = Partial<Record<keyof Fields, PlannerKey>>;

const WHOLE = /^\d+$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** The target as typed, or what is wrong with each field (the server checks again: 422 BAD_TARGET). */
export function readTarget(fields: Fields): { target: SizeTargetRequest | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const min = Number(fields.min.trim());
  const max = Number(fields.max.trim());
  const deviation = Number(fields.deviation.trim());
  if (!WHOLE.test(fields.min.trim()) || min < 1) errors.min = 'targetBadMin';
  if (!WHOLE.test(fields.max.trim()) || (!errors.min && max < min) || max < 1) errors.max = 'targetBadMax';
  if (!NUMBER.test(fields.deviation.trim()) || deviation < 1 || deviation > 100) errors.deviation = 'targetBadDeviation';
  const ok = Object.keys(errors).length === 0;
  return { target: ok ? { min, max, maxDeviation: Math.round(deviation * 10) / 1000 } : null, errors };
}

/** 修改目标: the community's households per grid (fewest, most) and the largest deviation allowed. */
export function SizeTargetForm({ communityCode, target, onDone }: { communityCode: string; target: SizeTarget; onDone: () => void }) {
  const { t } = useT(plannerText);
  const id = useId();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>({ min: String(target.min), max: String(target.max), deviation: String(Math.round(target.maxDeviation * 1000) / 10) });
  const [touched, setTouched] = useState(false);
  const { target: request, errors } = readTarget(fields);
  const save = useMutation({
    mutationFn: (next: SizeTargetRequest) => putSizeTarget(communityCode, next),
    onSuccess: async () => {
      // Every figure judged against the target: the balance, the coverage check, the dry runs.
      await Promise.all([queryClient.invalidateQueries({ queryKey: [queryRoot.grids] }), queryClient.invalidateQueries({ queryKey: [queryRoot.coverage] })]);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (request && !save.isPending) save.mutate(request);
  };
  const field = (key: keyof Fields, label: string) => {
    const error = touched ? errors[key] : undefined;
    return (
      <div className="planner-field">
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <input
          id={`${id}-${key}`}
          inputMode="numeric"
          value={fields[key]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${key}-error` : undefined}
          onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
        />
        {error && (
          <p id={`${id}-${key}-error`} className="planner-field-error">
            {t(error)}
          </p>
        )}
      </div>
    );
  };
  return (
    <form className="planner-target-form" onSubmit={submit} noValidate aria-label={t('targetEdit')}>
      <div className="planner-field-row">
        {field('min', t('targetMin'))}
        {field('max', t('targetMax'))}
      </div>
      {field('deviation', t('targetDeviation'))}
      {save.error && (
        <p className="planner-error" role="alert">
          {t('targetFailed', { message: save.error.message })}
        </p>
      )}
      <div className="planner-save">
        <button type="submit" className="planner-button planner-button-primary" disabled={save.isPending} aria-busy={save.isPending}>
          {save.isPending ? t('saving') : t('targetSave')}
        </button>
        <button type="button" className="planner-button" onClick={onDone} disabled={save.isPending}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
