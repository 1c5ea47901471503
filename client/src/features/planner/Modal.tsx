import { useEffect, useId, useRef, type ReactNode } from 'react';
import { usePlannerStrings } from './strings';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  /** Keep the map visible beside the dialog (e.g. to compare two versions drawn on it). */
  placement?: 'center' | 'side';
  className?: string;
}

/**
 * A modal <dialog>: focus moves in and stays, Escape closes, and focus returns to where it was.
 */
export function Modal({ title, onClose, children, actions, placement = 'center', className = '' }: Props) {
  const { s } = usePlannerStrings();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      window.setTimeout(() => {
        if (opener?.isConnected) opener.focus();
        else document.getElementById('workspace-panel')?.focus();
      }, 0);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`planner-dialog planner-dialog-${placement} ${className}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="planner-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={s.close} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="planner-dialog-body">{children}</div>
      <div className="planner-dialog-actions">{actions}</div>
    </dialog>
  );
}
