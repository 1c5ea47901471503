import { useEffect, useId, useRef, useState } from 'react';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';

export interface PasswordRevealProps {
  title: string;
  label: string;
  password: string;
  onDone: () => void;
  /** Move focus to the heading when shown (so screen readers read it out). */
  takeFocus?: boolean;
}

/** A generated password, shown once: copy button and a warning that it cannot be seen again. */
export function PasswordReveal({ title, label, password, onDone, takeFocus = true }: PasswordRevealProps) {
  const { t } = useT(commonText);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const valueRef = useRef<HTMLElement>(null);
  const ids = { label: useId(), warning: useId() };

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);

  const copyPassword = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopy('copied');
    } catch {
      // No clipboard permission (e.g. plain http on another host): select it for a manual copy.
      const node = valueRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopy('failed');
    }
  };

  return (
    <section className="password-reveal" aria-labelledby={`${ids.label}-title`}>
      <h3 id={`${ids.label}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p id={ids.warning} className="password-warning">
        {t('password.warning')}
      </p>
      <div className="password-box">
        <span id={ids.label} className="password-label">
          {label}
        </span>
        <code ref={valueRef} className="password-value" aria-labelledby={ids.label} data-password="">
          {password}
        </code>
        <button type="button" className="secondary-button" onClick={() => void copyPassword()} aria-describedby={ids.warning}>
          {copy === 'copied' ? t('password.copied') : t('password.copy')}
        </button>
      </div>
      <p className="field-hint" role="status">
        {copy === 'failed' ? t('password.copyFailed') : ''}
      </p>
      <button type="button" className="primary-button" onClick={onDone}>
        {t('password.done')}
      </button>
    </section>
  );
}
