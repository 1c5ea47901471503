import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra class for sizing (e.g. `modal-wide`). */
  className?: string;
  /** Where focus goes on opening; the first field or button inside when absent. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Text for the × button's label. */
  closeLabel?: string;
}

/**
 * A modal dialog on the native <dialog>: the page behind it is inert, focus stays inside,
 * Escape closes it, and focus returns to whatever had it before (when that still exists).
 */
export function Modal({ title, onClose, children, className, initialFocus, closeLabel }: ModalProps) {
  const { t } = useT(commonText);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Opening is a one-time effect: later prop changes must not steal focus again.
  const focusOnOpen = useRef(initialFocus);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const target =
      focusOnOpen.current?.current ??
      dialog.querySelector<HTMLElement>('.modal-content input:not([disabled]), .modal-content select:not([disabled]), .modal-content textarea, .modal-content button:not([disabled])');
    target?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Return focus after React has committed whatever replaces the dialog.
      window.setTimeout(() => {
        if (previous?.isConnected) previous.focus();
        else document.getElementById('workspace-panel')?.focus();
      }, 0);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-body">
        <div className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label={closeLabel ?? t('modal.close')} onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-content">{children}</div>
      </div>
    </dialog>
  );
}
