import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/useT';
import { navigate } from '../../../ui/route';
import { normalizeCode, statusPath } from './reportCode';
import { reportText } from './strings';

/** 查询办理进度: for people coming back with their tracking code. */
export function CodeLookup({ id }: { id?: string }) {
  const { t } = useT(reportText);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const headingId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = normalizeCode(text);
    setInvalid(code === null);
    if (code) navigate(statusPath(code));
  };

  return (
    <section id={id} className="report-lookup" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('lookupTitle')}</h2>
      <form className="report-lookup-form" onSubmit={submit} noValidate>
        <label htmlFor={inputId} className="finder-label">
          {t('lookupLabel')}
        </label>
        <div className="report-lookup-row">
          <input
            id={inputId}
            className="finder-search-input"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            value={text}
            placeholder={t('lookupPlaceholder')}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setInvalid(false);
            }}
          />
          <button type="submit" className="finder-primary">
            {t('lookupSubmit')}
          </button>
        </div>
        {invalid && (
          <p id={errorId} className="report-error" role="alert">
            {t('lookupInvalid')}
          </p>
        )}
      </form>
    </section>
  );
}
