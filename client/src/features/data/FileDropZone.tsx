import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/useT';
import { formatSize } from './importKinds';
import { dataText } from './strings';

export interface FileDropZoneProps {
  file: File | null;
  onFile: (file: File | null) => void;
  /** `accept` of the file input, e.g. ".csv,.xlsx". */
  accept: string;
  disabled?: boolean;
  /** ids of the texts that describe what may be chosen (formats, limits). */
  describedBy?: string;
  /** Error about the chosen file, shown under the zone. */
  error?: string | null;
}

/**
 * A file input with a drop zone around it: click, drop, or Tab to it and press Enter or Space.
 * The real `<input type=file>` stays in the page (hidden) so a label, forms and tests reach it.
 */
export function FileDropZone({ file, onFile, accept, disabled, describedBy, error }: FileDropZoneProps) {
  const { t } = useT(dataText);
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const ids = { title: useId(), hint: useId(), error: useId(), input: useId() };

  const open = () => {
    if (!disabled) inputRef.current?.click();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    if (!disabled) {
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    }
  };

  const describedByAll = [ids.hint, describedBy, error ? ids.error : ''].filter(Boolean).join(' ');

  return (
    <div className="drop-field">
      <div
        className="drop-zone"
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled ? true : undefined}
        aria-labelledby={ids.title}
        aria-describedby={describedByAll}
        aria-invalid={error ? true : undefined}
        data-dragging={dragging ? 'true' : undefined}
        data-has-file={file ? 'true' : undefined}
        onClick={open}
        onKeyDown={onKeyDown}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="drop-icon" aria-hidden="true">
          ⇪
        </span>
        <span id={ids.title} className="drop-title">
          {dragging ? t('dropActive') : file ? t('fileChange') : t('dropTitle')}
        </span>
        <span id={ids.hint} className="drop-hint">
          {t('dropHint')}
        </span>
      </div>
      <input
        ref={inputRef}
        id={ids.input}
        className="drop-input"
        type="file"
        name="file"
        accept={accept}
        tabIndex={-1}
        aria-hidden="true"
        disabled={disabled}
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          // Cleared so choosing the same file again (after fixing it in Excel) still fires a change.
          e.target.value = '';
          if (chosen) onFile(chosen);
        }}
      />
      {file && (
        <p className="drop-chosen" aria-live="polite">
          <span className="drop-chosen-name">{t('fileChosen', { name: file.name, size: formatSize(file.size) })}</span>
          <button type="button" className="link-button" disabled={disabled} onClick={() => onFile(null)}>
            {t('fileRemove')}
          </button>
        </p>
      )}
      {error && (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
