import type { Lang } from './namespace';

// The UI language outside React, for code that builds text away from components (ApiError's
// message). I18nProvider keeps it in step with the language the header switches.
let current: Lang = 'zh-CN';

export function currentLang(): Lang {
  return current;
}

export function setCurrentLang(lang: Lang): void {
  current = lang;
}
