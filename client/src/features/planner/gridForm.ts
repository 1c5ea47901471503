import type { GridAttributes } from '../../api/gridEditTypes';
import type { GridFeature, GridProperties } from '../../api/types';

// The attribute form of a grid as text fields, and the step from text to what the API takes.

export interface AttrForm {
  name: string;
  households: string;
  population: string;
  leaderName: string;
  leaderPhone: string;
}

export type AttrErrors = Partial<Record<keyof AttrForm, 'nameRequired' | 'countInvalid' | 'phoneInvalid'>>;

export function formFromGrid(p: GridProperties): AttrForm {
  return {
    name: p.name,
    households: p.households === null ? '' : String(p.households),
    population: p.population === null ? '' : String(p.population),
    leaderName: p.leaderName ?? '',
    leaderPhone: p.leaderPhone ?? '',
  };
}

/** The next name by the community's scheme (社区名 + 第N网格), N after the highest in use. */
export function suggestName(communityName: string, grids: readonly GridFeature[]): string {
  const numbers = grids.map((g) => /第(\d+)网格/.exec(g.properties.name)?.[1]).map(Number).filter(Number.isFinite);
  return `${communityName}第${Math.max(grids.length, ...numbers) + 1}网格`;
}

export function emptyForm(name: string): AttrForm {
  // Households left empty are estimated from the area the new grid takes from its neighbours.
  return { name, households: '', population: '0', leaderName: '', leaderPhone: '' };
}

const COUNT = /^\d{1,7}$/;
const PHONE = /^[0-9+\-() ]{3,30}$/;

export function validateForm(form: AttrForm): AttrErrors {
  const errors: AttrErrors = {};
  if (form.name.trim() === '') errors.name = 'nameRequired';
  if (form.households.trim() !== '' && !COUNT.test(form.households.trim())) errors.households = 'countInvalid';
  if (!COUNT.test(form.population.trim())) errors.population = 'countInvalid';
  if (form.leaderPhone.trim() !== '' && !PHONE.test(form.leaderPhone.trim())) errors.leaderPhone = 'phoneInvalid';
  return errors;
}

/** The attributes to send; households only when entered (otherwise the server estimates them). */
export function formToAttributes(form: AttrForm): Partial<GridAttributes> & { name: string } {
  return {
    name: form.name.trim(),
    ...(form.households.trim() === '' ? {} : { households: Number(form.households.trim()) }),
    population: Number(form.population.trim()),
    leaderName: form.leaderName.trim() === '' ? null : form.leaderName.trim(),
    leaderPhone: form.leaderPhone.trim() === '' ? null : form.leaderPhone.trim(),
  };
}

/** Only the fields that differ from the grid as loaded: what an update sends. */
export function changedAttributes(form: AttrForm, p: GridProperties): Partial<GridAttributes> {
  const next = formToAttributes(form);
  const out: Partial<GridAttributes> = {};
  if (next.name !== p.name) out.name = next.name;
  if (next.households !== undefined && (next.households !== (p.households ?? 0) || p.households === null)) out.households = next.households;
  if (next.population !== (p.population ?? 0) || (p.population === null && form.population.trim() !== '')) out.population = next.population;
  if (next.leaderName !== (p.leaderName ?? null)) out.leaderName = next.leaderName;
  if (next.leaderPhone !== (p.leaderPhone ?? null)) out.leaderPhone = next.leaderPhone;
  return out;
}
