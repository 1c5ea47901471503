import { NoteField } from '../NoteField';

interface SaveFooterProps {
  note: string;
  onNote: (note: string) => void;
  /** Show the note as wrong (the planner tried to save with too short a note). */
  noteInvalid: boolean;
  error: string | null;
  ready: boolean;
  busy: boolean;
  saveLabel: string;
  busyLabel: string;
  closeLabel: string;
  onClose: () => void;
}

/** The end of a building tool's form: the reason, the server's error, save and close. */
export function SaveFooter({ note, onNote, noteInvalid, error, ready, busy, saveLabel, busyLabel, closeLabel, onClose }: SaveFooterProps) {
  return (
    <>
      <NoteField value={note} onChange={onNote} invalid={noteInvalid} explain />
      {error && (
        <p className="planner-field-error" role="alert">
          {error}
        </p>
      )}
      <div className="buildings-row">
        <button type="submit" className="planner-button planner-button-primary" disabled={!ready} aria-busy={busy}>
          {busy ? busyLabel : saveLabel}
        </button>
        <button type="button" className="planner-button" onClick={onClose} disabled={busy}>
          {closeLabel}
        </button>
      </div>
    </>
  );
}
