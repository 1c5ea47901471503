import { useId } from 'react';
import { useT } from '../../i18n/useT';
import { plannerText } from './strings';

/** At least this many characters: the server's rule for the reason of every change. */
const NOTE_MIN_LENGTH = 2;

export function noteIsShort(note: string): boolean {
  return note.trim().length < NOTE_MIN_LENGTH;
}

interface Props {
  value: string;
  onChange: (note: string) => void;
  /** Shown as invalid (after the planner has tried to save, or left the field). */
  invalid: boolean;
  /** Says under the field why it is invalid; where a save button already says it, leave it out. */
  explain?: boolean;
  onBlur?: () => void;
}

/** 修改原因: the reason kept in the history, which every change asks for. */
export function NoteField({ value, onChange, invalid, explain = false, onBlur }: Props) {
  const { t } = useT(plannerText);
  const id = useId();
  const errorShown = invalid && explain;
  return (
    <div className="planner-field">
      <label htmlFor={id}>{t('note')}</label>
      <input
        id={id}
        value={value}
        placeholder={t('notePlaceholder')}
        required
        aria-invalid={invalid ? true : undefined}
        aria-describedby={errorShown ? `${id}-error` : undefined}
        onBlur={onBlur}
        onChange={(e) => onChange(e.target.value)}
      />
      {errorShown && (
        <p id={`${id}-error`} className="planner-field-error">
          {t('noteRequired')}
        </p>
      )}
    </div>
  );
}
