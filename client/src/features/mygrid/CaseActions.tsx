import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getCaseDuplicates, type CaseAction, type CaseActionRequest, type CaseDetail } from '../../api/cases';
import { getGrids } from '../../api/getGrids';
import { useT } from '../../i18n/useT';
import { ActionOutcomeLine } from './ActionOutcomeLine';
import { caseKeys } from './caseQueries';
import { mygridText } from './strings';
import { useCaseAction } from './useCaseAction';

/** The order the buttons appear in: the next step of the usual way first. */
const ORDER: readonly CaseAction[] = ['accept', 'start', 'close', 'accept_transfer', 'decline_transfer', 'transfer', 'reassign', 'merge', 'reject', 'note'];
/** Steps done with one tap; the others ask for a note, a grid or a case first. */
const ONE_TAP: ReadonlySet<CaseAction> = new Set(['accept', 'start', 'accept_transfer']);
const NOTE_REQUIRED: ReadonlySet<CaseAction> = new Set(['close', 'reject', 'transfer', 'decline_transfer', 'note']);
const DANGER: ReadonlySet<CaseAction> = new Set(['reject', 'decline_transfer']);
const GRID_CODE = /^\d{15}$/;

type NoteAction = 'close' | 'reject' | 'transfer' | 'decline_transfer' | 'reassign' | 'note' | 'merge';

/** The one-tap workflow buttons `CaseDetail.actions` allows, and the small form of a step that needs more. */
export function CaseActions({ detail }: { detail: CaseDetail }) {
  const { t } = useT(mygridText);
  const [open, setOpen] = useState<NoteAction | null>(null);
  const { run, pending, outcome } = useCaseAction(detail.id, () => setOpen(null));
  const actions = ORDER.filter((a) => detail.actions.includes(a));

  return (
    <section className="mygrid-actions" aria-labelledby="mygrid-actions-title">
      <h2 id="mygrid-actions-title">{t('actionsTitle')}</h2>
      {actions.length === 0 && <p className="muted">{t('noActions')}</p>}
      <div className="mygrid-action-buttons">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            data-action={action}
            className={ONE_TAP.has(action) ? 'primary-button' : DANGER.has(action) ? 'danger-button' : 'secondary-button'}
            aria-expanded={ONE_TAP.has(action) ? undefined : open === action}
            disabled={pending}
            aria-busy={pending && ONE_TAP.has(action)}
            onClick={() => {
              if (ONE_TAP.has(action)) run({ action, version: detail.version });
              else setOpen(open === action ? null : (action as NoteAction));
            }}
          >
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      {pending && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('working')}
        </p>
      )}
      {open && <ActionForm key={open} action={open} detail={detail} pending={pending} onSend={run} onCancel={() => setOpen(null)} />}
      <ActionOutcomeLine outcome={outcome} />
    </section>
  );
}

interface ActionFormProps {
  action: NoteAction;
  detail: CaseDetail;
  pending: boolean;
  onSend: (request: CaseActionRequest) => void;
  onCancel: () => void;
}

function ActionForm({ action, detail, pending, onSend, onCancel }: ActionFormProps) {
  const { t } = useT(mygridText);
  const [note, setNote] = useState('');
  const [grid, setGrid] = useState('');
  const [into, setInto] = useState('');
  const [errors, setErrors] = useState<{ note?: string; grid?: string; into?: string }>({});
  const ids = { note: useId(), grid: useId(), gridHint: useId(), gridList: useId(), noteError: useId(), gridError: useId() };
  const picksGrid = action === 'transfer' || action === 'reassign';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (NOTE_REQUIRED.has(action) && note.trim() === '') found.note = t('noteRequired');
    if (picksGrid) {
      if (!GRID_CODE.test(grid.trim())) found.grid = t('toGridInvalid');
      else if (grid.trim() === detail.gridCode) found.grid = t('toGridSame');
    }
    if (action === 'merge' && into === '') found.into = t('mergeChoose');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSend({
      action,
      version: detail.version,
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
      ...(picksGrid ? { toGridCode: grid.trim() } : {}),
      ...(action === 'merge' ? { intoCode: into } : {}),
    });
  };

  return (
    <form className="mygrid-note-form" onSubmit={submit} noValidate data-form={action}>
      {picksGrid && <GridPicker detail={detail} value={grid} onChange={setGrid} ids={ids} error={errors.grid} />}
      {action === 'merge' && <DuplicatePicker caseId={detail.id} value={into} onChange={setInto} error={errors.into} />}
      <label htmlFor={ids.note}>{t(`note.${action}`)}</label>
      <textarea
        id={ids.note}
        name="note"
        rows={3}
        maxLength={500}
        value={note}
        aria-invalid={errors.note ? true : undefined}
        aria-describedby={errors.note ? ids.noteError : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {errors.note && (
        <p id={ids.noteError} className="field-error">
          {errors.note}
        </p>
      )}
      <div className="mygrid-form-actions">
        <button type="submit" className={DANGER.has(action) ? 'danger-button' : 'primary-button'} disabled={pending} aria-busy={pending}>
          {pending ? t('working') : t('submit', { action: t(`action.${action}`) })}
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

interface GridPickerProps {
  detail: CaseDetail;
  value: string;
  onChange: (code: string) => void;
  ids: { grid: string; gridHint: string; gridList: string; gridError: string };
  error?: string;
}

/** A grid code typed or chosen from the grids of the case's community (other communities' codes may be typed). */
function GridPicker({ detail, value, onChange, ids, error }: GridPickerProps) {
  const { t } = useT(mygridText);
  const grids = useQuery({
    queryKey: ['grids', 'community', detail.communityCode],
    queryFn: ({ signal }) => getGrids({ community: detail.communityCode }, signal),
    staleTime: 5 * 60_000,
  });
  const options = (grids.data?.features ?? []).map((f) => f.properties).filter((p) => p.code !== detail.gridCode);
  return (
    <div className="field">
      <label htmlFor={ids.grid}>{t('toGrid')}</label>
      <input
        id={ids.grid}
        name="toGridCode"
        inputMode="numeric"
        autoComplete="off"
        list={ids.gridList}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[ids.gridHint, error ? ids.gridError : ''].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={ids.gridList}>
        {options.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </datalist>
      {options.length > 0 && (
        <select className="mygrid-grid-select" aria-label={t('toGrid')} value={options.some((p) => p.code === value) ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('toGridChoose')}</option>
          {options.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}（{p.code}）
            </option>
          ))}
        </select>
      )}
      <p id={ids.gridHint} className="field-hint">
        {t('toGridHint')}
      </p>
      {error && (
        <p id={ids.gridError} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The suggested duplicates (GET /api/cases/:id/duplicates), one to choose. */
function DuplicatePicker({ caseId, value, onChange, error }: { caseId: number; value: string; onChange: (code: string) => void; error?: string }) {
  const { t, date } = useT(mygridText);
  const duplicates = useQuery({
    queryKey: caseKeys.duplicates(caseId),
    queryFn: ({ signal }) => getCaseDuplicates(caseId, signal),
  });
  return (
    <fieldset className="field-group mygrid-duplicates">
      <legend>{t('duplicatesTitle')}</legend>
      {duplicates.isPending && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('duplicatesLoading')}
        </p>
      )}
      {duplicates.isError && (
        <p className="mygrid-error" role="alert">
          {t('duplicatesError', { message: duplicates.error.message })}
        </p>
      )}
      {duplicates.data?.length === 0 && <p className="muted">{t('duplicatesNone')}</p>}
      {duplicates.data?.map((c) => (
        <label key={c.id} className="mygrid-duplicate">
          <input type="radio" name="intoCode" value={c.code} checked={value === c.code} onChange={() => onChange(c.code)} />
          <span>
            <strong>{c.code}</strong> {t(`status.${c.status}`)} · {date(c.createdAt)}
            <span className="mygrid-excerpt">{c.excerpt}</span>
          </span>
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
