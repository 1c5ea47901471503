import { describe, expect, it } from 'vitest';
import { balanceText } from '../../client/src/features/coverage/balanceStrings.ts';
import { caseText } from '../../client/src/features/coverage/caseStrings.ts';
import { coverageText } from '../../client/src/features/coverage/strings.ts';
import { dataText } from '../../client/src/features/data/strings.ts';
import { buildingsText } from '../../client/src/features/planner/buildings/strings.ts';
import { plannerText } from '../../client/src/features/planner/strings.ts';
import { publicText } from '../../client/src/features/public/strings.ts';
import { commonText } from '../../client/src/i18n/common.ts';
import { fill, placeholders, type Namespace } from '../../client/src/i18n/namespace.ts';
import { ROLES } from '../../client/src/ui/roleNames.ts';
import { stationText } from '../../client/src/ui/stationText.ts';
import { ERROR_CODES } from '../../server/src/contract/error-codes.ts';
import { FACILITY_KINDS } from '../../server/src/facilities/facility-input.ts';

// Every text the UI reads exists in both languages, asks for the same values in both, and the
// keys built at run time (a facility kind, a role) exist for every value the server can send.

const NAMESPACES: Namespace<string>[] = [commonText, stationText, publicText, coverageText, caseText, balanceText, plannerText, buildingsText, dataText];

describe.each(NAMESPACES.map((ns) => [ns.name, ns] as const))('the %s texts', (_name, ns) => {
  const zh = ns.texts['zh-CN'];
  const en = ns.texts.en;

  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  // English may leave a word out where Chinese needs one (a measure word like 个), not the reverse.
  it('have a Chinese text for every key', () => {
    const empty = Object.entries(zh).filter(([, text]) => text === '');
    expect(empty).toEqual([]);
  });

  it('ask for the same {placeholders} in both languages', () => {
    const differing = Object.keys(zh).filter((key) => placeholders(zh[key] ?? '').join() !== placeholders(en[key] ?? '').join());
    expect(differing).toEqual([]);
  });
});

describe('keys built at run time', () => {
  const zh = commonText.texts['zh-CN'];
  it('name every facility kind the server knows', () => {
    expect(FACILITY_KINDS.filter((kind) => !(`kind.${kind}` in zh))).toEqual([]);
  });

  it('name a code the server really sends, where a text explains a rule or an import problem', () => {
    const codeKeys = [
      ...Object.keys(plannerText.texts['zh-CN']).filter((key) => key.startsWith('violation.')),
      ...Object.keys(dataText.texts['zh-CN']).filter((key) => key.startsWith('problem.')),
    ];
    expect(codeKeys.length).toBeGreaterThan(10);
    const known: readonly string[] = ERROR_CODES;
    expect(codeKeys.filter((key) => !known.includes(key.slice(key.indexOf('.') + 1)))).toEqual([]);
  });

  it('name and explain every role', () => {
    const missing = ROLES.flatMap((role) => [`role.${role}`, `accountForm.roleHint.${role}`]).filter((key) => !(key in zh));
    expect(missing).toEqual([]);
  });
});

describe('filling placeholders', () => {
  it('fills every occurrence and leaves one without a value visible', () => {
    expect(fill('{a} 和 {a}，{b}', { a: 1 })).toBe('1 和 1，{b}');
  });
});
