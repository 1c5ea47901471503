import type { Lang } from '../i18n/I18nProvider';

// Facilities store opening hours in OpenStreetMap's `opening_hours` syntax
// ("Mo-Fr 08:30-17:30; Sa 09:00-12:00"). Readers should not have to know it, so the common
// forms are spelled out; anything unrecognised is shown as stored.

const DAYS: Record<Lang, Record<string, string>> = {
  'zh-CN': { Mo: '周一', Tu: '周二', We: '周三', Th: '周四', Fr: '周五', Sa: '周六', Su: '周日', PH: '节假日' },
  en: { Mo: 'Mon', Tu: 'Tue', We: 'Wed', Th: 'Thu', Fr: 'Fri', Sa: 'Sat', Su: 'Sun', PH: 'public holidays' },
};

const WORDS: Record<Lang, { to: string; list: string; rule: string; closed: string; always: string }> = {
  'zh-CN': { to: '至', list: '、', rule: '；', closed: '休息', always: '全天开放' },
  en: { to: '–', list: ', ', rule: '; ', closed: 'closed', always: 'open 24/7' },
};

const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)';
const DAY_PART = new RegExp(`^${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*$`);
const TIME_PART = /^\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*$/;

function formatRule(rule: string, lang: Lang): string | null {
  const days = DAYS[lang];
  const words = WORDS[lang];
  const [dayPart, ...rest] = rule.trim().split(/\s+/);
  if (!dayPart || !DAY_PART.test(dayPart)) return null;
  const dayText = dayPart
    .split(',')
    .map((range) => range.split('-').map((d) => days[d] ?? d).join(words.to))
    .join(words.list);
  const timePart = rest.join(' ');
  if (timePart === 'off' || timePart === 'closed') return `${dayText} ${words.closed}`;
  if (!TIME_PART.test(timePart)) return null;
  return `${dayText} ${timePart.replace(/-/g, '–').replace(/,/g, words.list)}`;
}

export function formatOpeningHours(value: string, lang: Lang): string {
  const trimmed = value.trim();
  if (trimmed === '24/7') return WORDS[lang].always;
  const rules = trimmed.split(';').filter((r) => r.trim() !== '');
  const formatted = rules.map((r) => formatRule(r, lang));
  if (formatted.some((f) => f === null)) return value;
  return formatted.join(WORDS[lang].rule);
}
