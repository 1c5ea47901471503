import type { Lang } from './namespace';

// Punctuation between pieces of UI text differs by language: Chinese sentences follow each other
// directly (each ends in 。) and lists use 、 and ；, English needs spaces and commas.

/** Sentences one after another: 'Open now. You are in …' in English, '开放中。您在…' in Chinese. */
export function joinSentences(lang: Lang, sentences: readonly string[]): string {
  return sentences.filter((s) => s !== '').join(lang === 'en' ? ' ' : '');
}

/** Items of a list: 'a, b, c' / 'a、b、c'. */
export function joinList(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** Separate statements in one line: 'a; b' / 'a；b'. */
export function joinClauses(lang: Lang, clauses: readonly string[]): string {
  return clauses.join(lang === 'en' ? '; ' : '；');
}

/** A label and what it labels: 'Copy: URL' / '复制：URL'. */
export function labelled(lang: Lang, label: string, value: string): string {
  return lang === 'en' ? `${label}: ${value}` : `${label}：${value}`;
}

/** A short note in brackets after a text: 'name (001)' / 'name（001）'. */
export function bracketed(lang: Lang, text: string, note: string): string {
  return lang === 'en' ? `${text} (${note})` : `${text}（${note}）`;
}
