import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** Formats ISO times as local date and time in the UI language ("2026/5/3 14:05"). */
export function useDateTimeFormat(): (iso: string) => string {
  const { lang } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [lang]);
}
