import type { Impact, ImpactMove, ShownCount } from '../../api/gridEditTypes';
import type { PlannerText } from './strings';

// The impact of an edit in words: "将有 134 名党员、2 个服务站、3 栋楼（126 户，318 人）从“A”移入“B”".

/** A member count as shown: the number, or "不足 5" where the server keeps small counts back. */
export function memberCount(count: ShownCount, { t, num }: PlannerText): string {
  return typeof count === 'number' ? num(count) : t('fewerThan', { n: num(count.fewerThan) });
}

function what(move: ImpactMove, { t, num }: PlannerText): string | null {
  const parts: string[] = [];
  if (typeof move.members !== 'number') parts.push(t('membersFewer', { n: num(move.members.fewerThan) }));
  else if (move.members > 0) parts.push(t('members', { n: num(move.members) }));
  if (move.facilities > 0) parts.push(t('facilities', { n: num(move.facilities) }));
  // Buildings carry exact households and residents; without buildings the households are an area-share estimate.
  if (move.buildings > 0) parts.push(t('movedBuildings', { n: num(move.buildings), households: num(move.households), population: num(move.population) }));
  else if (move.households > 0) parts.push(t('householdsMoved', { n: num(move.households) }));
  if (parts.length === 0) return null;
  const joined = parts.join(t('listJoin'));
  // "将有 134 名党员" but "将有约 20 户": a space only before a number.
  return /^\d/.test(joined) ? `${t('numberLead')}${joined}` : joined;
}

/** Open cases (民情) a move hands to another grid, or escalates where their place is left in no grid. */
function casesSentence(move: ImpactMove, { t, num }: PlannerText, ref: (g: { id: number; name: string }) => string): string | null {
  if (!move.cases || !move.from) return null;
  if (move.to) return t('casesMove', { n: num(move.cases), from: ref(move.from), to: ref(move.to) });
  return t('casesEscalate', { n: num(move.cases), from: ref(move.from) });
}

/** `newGridId`: the grid a dry run of a create would make; it has no name of its own yet. */
export function impactSentences(impact: Impact, text: PlannerText, newGridId: number | null = null): string[] {
  const { t } = text;
  const ref = (g: { id: number; name: string }) => (g.id === newGridId ? t('newGridRef') : t('gridRef', { name: g.name }));
  const out: string[] = [];
  for (const move of impact.moves) {
    const items = what(move, text);
    if (!items) continue;
    if (move.from && move.to) out.push(t('moveBoth', { what: items, from: ref(move.from), to: ref(move.to) }));
    else if (move.from) out.push(t('moveOut', { what: items, from: ref(move.from) }));
    else if (move.to) out.push(t('moveIn', { what: items, to: ref(move.to) }));
  }
  for (const move of impact.moves) {
    const line = casesSentence(move, text, ref);
    if (line) out.push(line);
  }
  // English sentences may start with "about 20 households".
  return out.map((line) => line.charAt(0).toUpperCase() + line.slice(1));
}
