import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { commonText } from './common';
import { setCurrentLang } from './currentLang';
import type { Lang } from './namespace';

export type { Lang };

const STORAGE_KEY = 'wgdj.lang';

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLang(): Lang {
  // localStorage throws in some privacy modes; the default language is a fine fallback.
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    /* ignore */
  }
  return 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    setCurrentLang(stored);
    return stored;
  });

  const setLang = useCallback((next: Lang) => {
    setCurrentLang(next);
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* the choice then lasts only for this page view */
    }
  }, []);

  // Screen readers and fonts pick the language from <html lang>, so keep it in step.
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = commonText.texts[lang]['app.title'];
  }, [lang]);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
