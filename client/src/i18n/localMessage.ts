import type { Lang } from './namespace';

// The server writes its messages in both languages for API clients: '中文 (English)', sometimes
// with a tail after the English part ('网格已被他人修改 (the grid changed meanwhile): you edited
// version 3, the current one is 4'; '没有这个区划 (no such region): 320213'). The UI shows one.

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** A parenthesised part in ASCII brackets holding no Chinese, with its tail after '): ' up to the next Chinese text. */
const PART = /\s*\(([^()\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*)\)(?::\s*([^\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*))?/g;
const SENTENCE = /[A-Za-z]{2,}\s+[A-Za-z]/;

interface Part {
  /** The English words inside the brackets. */
  text: string;
  /** What follows '): ' before the next Chinese text ('' when none): English words or data (a code, names). */
  tail: string;
}

const trimTail = (tail: string | undefined) => (tail ?? '').replace(/[\s—–,;，；-]+$/, '');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The server's message in the UI language: for zh-CN without the English parts (and an English
 * tail; a data tail such as a code stays), for en the English parts, capitalised, with their
 * tails. A message without Chinese, or (for en) without an English sentence, is shown whole.
 */
export function localMessage(message: string, lang: Lang): string {
  if (!CJK.test(message)) return message;
  const parts: Part[] = [];
  const zh = message
    .replace(PART, (whole: string, text: string, rawTail: string | undefined, offset: number) => {
      if (!/[A-Za-z]/.test(text)) return whole;
      const tail = trimTail(rawTail);
      parts.push({ text: text.trim(), tail });
      if (rawTail === undefined) return '';
      const more = offset + whole.length < message.length;
      // An English tail goes with its part; data (a code, names) and Chinese after '): ' stay.
      if (tail !== '' && SENTENCE.test(tail)) return more ? '：' : '';
      return `：${tail}${rawTail.slice(tail.length)}`;
    })
    .replace(new RegExp(`(${CJK.source})\\s+(?=${CJK.source})`, 'g'), '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (lang === 'zh-CN') return zh === '' ? message : zh;
  const sentences = parts.filter((p) => /\s/.test(p.text) || p.tail !== '');
  if (sentences.length === 0) return message;
  return capitalise(sentences.map((p) => (p.tail !== '' ? `${p.text}: ${p.tail}` : p.text)).join('; '));
}
