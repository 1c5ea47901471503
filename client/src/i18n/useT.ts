import { useCallback, useMemo } from 'react';
import { useI18n } from './I18nProvider';
import { fill, localeOf, type Lang, type Namespace, type Vars } from './namespace';

export type T<K extends string> = (key: K, vars?: Vars) => string;

export interface Text<K extends string> {
  t: T<K>;
  lang: Lang;
  /** A number in the UI language's style, with at most `digits` decimals. */
  num: (n: number, digits?: number) => string;
  /** An ISO time as a medium date and short time; text that is not a time is shown as it is. */
  date: (iso: string) => string;
}

/** The one accessor for UI text: `const { t } = useT(plannerText); t('save')`. */
export function useT<K extends string>(namespace: Namespace<K>): Text<K> {
  const { lang } = useI18n();
  const dictionary = namespace.texts[lang];
  const locale = localeOf(lang);
  const t = useCallback<T<K>>((key, vars) => fill(dictionary[key], vars), [dictionary]);
  const num = useCallback((n: number, digits = 0) => n.toLocaleString(locale, { maximumFractionDigits: digits }), [locale]);
  const date = useCallback(
    (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
    },
    [locale],
  );
  return useMemo(() => ({ t, lang, num, date }), [t, lang, num, date]);
}
