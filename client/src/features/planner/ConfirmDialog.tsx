import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { NoteField, noteIsShort } from './NoteField';
import { plannerText } from './strings';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  initialNote?: string;
  busy?: boolean;
  error?: string | null;
  /** An extra yes/no choice shown with the note (e.g. "adjust neighbours" for a restore). */
  option?: { label: string; hint: string; initial: boolean };
  onConfirm: (note: string, option: boolean) => void;
  onClose: () => void;
  /** What the change would do, shown under the question (e.g. a revert's preview). */
  children?: ReactNode;
}

/** Asks before a change that cannot simply be undone, and for the reason kept in the history. */
export function ConfirmDialog({ title, text, confirmLabel, danger = false, initialNote = '', busy = false, error = null, option, onConfirm, onClose, children }: ConfirmDialogProps) {
  const { t } = useT(plannerText);
  const [note, setNote] = useState(initialNote);
  const [optionOn, setOptionOn] = useState(option?.initial ?? false);
  const [touched, setTouched] = useState(false);
  const id = useId();
  const noteOk = !noteIsShort(note);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (noteOk && !busy) onConfirm(note.trim(), optionOn);
  };
  return (
    <Modal title={title} onClose={onClose} className="planner-dialog">
      <form onSubmit={submit} noValidate>
        <p>{text}</p>
        {children}
        {error && (
          <p className="planner-error" role="alert">
            {error}
          </p>
        )}
        <NoteField value={note} invalid={touched && !noteOk} explain onChange={setNote} />
        {option && (
          <div className="planner-toggle planner-dialog-option">
            <input id={`${id}-option`} type="checkbox" checked={optionOn} onChange={(e) => setOptionOn(e.target.checked)} aria-describedby={`${id}-option-hint`} />
            <label htmlFor={`${id}-option`}>{option.label}</label>
            <p id={`${id}-option-hint`} className="planner-hint">
              {option.hint}
            </p>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="planner-button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className={danger ? 'planner-button planner-button-danger' : 'planner-button planner-button-primary'} disabled={busy} aria-busy={busy}>
            {busy ? t('working') : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
