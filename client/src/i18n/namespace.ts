// One way to hold and read UI text. Every feature keeps its words in a namespace of its own
// (zh-CN first, English typed by it, so a missing key is a compile error) and reads them with
// useT(namespace).t(key, vars). `{name}` in a text is filled from vars.

export type Lang = 'zh-CN' | 'en';
export type Vars = Record<string, string | number>;

export interface Namespace<K extends string> {
  readonly name: string;
  readonly texts: Record<Lang, Record<K, string>>;
}

/** A feature's texts: the Chinese dictionary is the source of keys, English must have the same. */
export function defineNamespace<D extends Record<string, string>>(
  name: string,
  zh: D,
  en: Record<keyof D, string>,
): Namespace<keyof D & string> {
  return { name, texts: { 'zh-CN': zh, en } };
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; one left without a value stays visible so it is noticed. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(PLACEHOLDER, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** The placeholder names of a text, for checking both languages ask for the same values. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

export function localeOf(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'zh-CN';
}
