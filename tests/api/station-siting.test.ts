import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { referenceSites } from '../support/reference-siting.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Suggestion {
  members: number;
  shareBefore: number;
  sites: { gridId: number; addsMembers: number; shareAfter: number }[];
}

let platform: TestPlatform;
let leader: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
});
afterAll(() => platform.close());

describe('station-site suggestions from the kept aggregates', () => {
  // The whole district and one street, at every offered radius: the same sites, in the same
  // order, adding the same members as the search that recounted every home per request.
  // At 1,500 m every demo member is reached already, and one site covers that street at 1,000 m.
  it.each([
    ['320213', 500, 5, 5],
    ['320213', 1000, 3, 3],
    ['320213', 1500, 4, 0],
    ['320213022', 500, 3, 3],
    ['320213022', 1000, 2, 1],
  ])('region %s, %i m, %i sites asked: the same as the per-request greedy search', async (region, radius, count, found) => {
    const expected = await referenceSites(platform.db, region, radius, count);
    const res = await send(platform, 'GET', `/api/coverage/suggest-stations?region=${region}&radiusMeters=${radius}&count=${count}`, leader);
    expect(res.status).toBe(200);
    const got = (await res.json()) as Suggestion;
    expect(got.members).toBe(expected.members);
    expect(got.shareBefore).toBeCloseTo(expected.reachedMembers / expected.members, 4);
    expect(got.sites.map((s) => [s.gridId, s.addsMembers])).toEqual(expected.sites.map((s) => [s.gridId, s.addsMembers]));
    expect(got.sites).toHaveLength(found);
  });
});
