import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addRow, wants, type ScaleContext } from '../context.ts';
import { HttpClient, type Answer } from '../http-client.ts';
import { bytes, perSecond, progress, times } from '../report.ts';
import { tilesOver, type Tile } from '../scope.ts';
import { Tally } from '../stats.ts';

// Rows 7 and 8: grid tiles over the old city at z13–z14.
// Method: every tile of z13 and z14 over 梁溪区's extent is requested once from a server that has
// served none of them (only a z12 tile as warm-up), so each first request is uncached — no
// restart needed, and the tile cache (if any) cannot help. The raw ST_AsMVT of the same tiles runs
// once beforehand (unrecorded), so PostgreSQL's buffers are as warm for the server as for the raw
// query, then each tile raw and over HTTP in turn. Then the same tiles again: a plain repeat GET,
// and a conditional GET with the ETag of the first answer (If-None-Match → 304).

export const RAW_TILE = `with b as (select ST_TileEnvelope($1::integer, $2::integer, $3::integer) as e)
select ST_AsMVT(t, 'grids', 4096, 'geom') as mvt from (
  select g.id, g.name, g.code, ST_AsMVTGeom(ST_Transform(g.geom, 3857), b.e, 4096, 64, true) as geom
  from grid g, b
  where g.valid_to is null and g.geom && ST_Transform(ST_TileEnvelope($1::integer, $2::integer, $3::integer, margin => 0.015625), 4326)
) t where t.geom is not null`;

const path = (t: Tile) => `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`;
/** A tile answered: with features (200) or without (204). */
const SERVED = ['200', '204'] as const;

export async function tileRows(ctx: ScaleContext): Promise<void> {
  const want7 = wants(ctx.options, '7', 'uncached grid tile vs raw ST_AsMVT');
  const want8 = wants(ctx.options, '8', 'repeated tile (304 / plain repeat) vs uncached');
  if (!want7 && !want8) return;
  const box = ctx.scope.oldCity;
  const all = [...tilesOver(box, 13), ...tilesOver(box, 14)];
  // At most 80, spread evenly (the old city has about 40 at these zooms).
  const step = Math.max(1, all.length / 80);
  const tiles = all.length <= 80 ? all : Array.from({ length: 80 }, (_, i) => all[Math.floor(i * step)]!);
  progress(`${ctx.section}: ${tiles.length} grid tiles at z13–z14 over the old city`);

  // Warm-up: connections, the MVT capability probe, plans, and the server's encoding path (its
  // code is compiled as it runs, as the raw query's plan is cached below) — on tiles outside the
  // measured set: the z12 ones and up to 20 at z15, each encoded once.
  const warmTiles = [...tilesOver(box, 12), ...tilesOver(box, 15).slice(0, 20)];
  for (const t of warmTiles) await ctx.anonymous.request(path(t));
  const [warm] = warmTiles;
  await ctx.db.query(RAW_TILE, [warm!.z, warm!.x, warm!.y]);

  // Each tile raw, then over HTTP uncached, one after the other: a stretch of the machine running
  // slower falls on both sides of the ratio. One at a time, so a side's wall time is the sum of
  // its requests' times.
  for (const t of tiles) await ctx.db.query(RAW_TILE, [t.z, t.x, t.y]);
  const raw = new Tally();
  const cold = new Tally();
  const etags = new Map<Tile, string>();
  let rawBytes = 0;
  let apiBytes = 0;
  for (const t of tiles) {
    const t0 = performance.now();
    try {
      const [row] = await ctx.db.query<{ mvt: Uint8Array | null }>(RAW_TILE, [t.z, t.x, t.y]);
      rawBytes += row?.mvt?.length ?? 0;
      raw.record(performance.now() - t0, 200);
    } catch (err) {
      raw.record(performance.now() - t0, `error: ${(err as Error).message.slice(0, 60)}`);
    }
    const a = await ctx.anonymous.request(path(t));
    cold.record(a.ms, a.status, a.wireBytes);
    apiBytes += a.body.length;
    const etag = a.headers.etag;
    if (typeof etag === 'string') etags.set(t, etag);
  }
  raw.wallMs = raw.latencies.reduce((sum, ms) => sum + ms, 0);
  cold.wallMs = cold.latencies.reduce((sum, ms) => sum + ms, 0);

  // A repeated tile is repeatable: one unrecorded pass (the hit path's code warms up as the
  // uncached path's did over its first tiles), then REPEAT_PASSES recorded ones.
  const repeat = new Tally();
  const conditional = new Tally();
  for (let pass = 0; pass <= REPEAT_PASSES; pass++) {
    const plainPass = new Tally();
    const conditionalPass = new Tally();
    await timedPass(plainPass, tiles, (t) => ctx.anonymous.request(path(t)));
    await timedPass(conditionalPass, tiles, (t) => {
      const etag = etags.get(t);
      return ctx.anonymous.request(path(t), etag ? { headers: { 'if-none-match': etag } } : {});
    });
    if (pass > 0) {
      repeat.merge(plainPass);
      conditional.merge(conditionalPass);
    }
  }
  const floor = await httpFloor(tiles.length * REPEAT_PASSES);
  // The most the uncached tile can reach against the raw query once it travels over HTTP at all.
  const httpBound = (1 / raw.rate()) / (1 / raw.rate() + 1 / floor.rate(['304']));

  if (want7) {
    const ratio = cold.rate(SERVED) / raw.rate();
    const failures = cold.failures(SERVED);
    addRow(ctx, {
      section: ctx.section,
      id: '7',
      operation: 'uncached grid tile z13–z14 vs raw ST_AsMVT',
      p50: cold.p50,
      p95: cold.p95,
      throughput: `${perSecond(cold.rate(SERVED))} (c=1)`,
      baseline: `raw ST_AsMVT ${perSecond(raw.rate())}, p50 ${raw.p50.toFixed(2)} ms`,
      ratio: `speed ${times(ratio)}`,
      goal: 'speed ≥ 0.7×',
      ok: !failures && !raw.failures() && ratio >= 0.7,
      notes: `${failures ? `failures: ${failures}; ` : ''}${tiles.length} tiles, each requested once; avg ${bytes(apiBytes / tiles.length)} (raw ${bytes(rawBytes / tiles.length)}); with the HTTP floor added to the raw query, at most ${times(httpBound)}`,
    });
  }
  if (want8) {
    // The issue's row is the conditional GET; a plain repeat (the body again, gzipped) is shown beside it.
    for (const [label, t, expected, goal] of [
      ['If-None-Match → 304', conditional, ['304'], true],
      ['plain repeat GET', repeat, SERVED, false],
    ] as const) {
      const ratio = t.rate(expected) / cold.rate(SERVED);
      const ofFloor = `${((t.rate(expected) / floor.rate(['304'])) * 100).toFixed(0)}% of the HTTP floor`;
      const failures = t.failures(expected);
      addRow(ctx, {
        section: ctx.section,
        id: '8',
        operation: `repeated tile, ${label} vs uncached`,
        p50: t.p50,
        p95: t.p95,
        throughput: `${perSecond(t.rate(expected))} (c=1)`,
        baseline: `uncached ${perSecond(cold.rate(SERVED))}, p50 ${cold.p50.toFixed(2)} ms`,
        ratio: `speed ${times(ratio)}`,
        goal: goal ? 'speed ≥ 10×' : 'informational',
        ok: goal ? !failures && ratio >= 10 : failures ? false : undefined,
        notes: `${failures ? `outcomes other than ${expected.join('/')}: ${failures}; ` : ''}avg ${bytes(t.bytes / Math.max(1, t.count))} on the wire; ${ofFloor}; ${REPEAT_PASSES} passes after a warm-up pass`,
      });
    }
    addRow(ctx, {
      section: ctx.section,
      id: '8',
      operation: 'HTTP floor: a bare Node server answering 304, same client',
      p50: floor.p50,
      p95: floor.p95,
      throughput: `${perSecond(floor.rate(['304']))} (c=1)`,
      baseline: `uncached ${perSecond(cold.rate(SERVED))}, p50 ${cold.p50.toFixed(2)} ms`,
      ratio: `speed ${times(floor.rate(['304']) / cold.rate(SERVED))}`,
      goal: 'informational: the most a repeated tile can reach here',
      ok: undefined,
      notes: 'no application, no database: the round trip of this client on loopback',
    });
  }
}

const REPEAT_PASSES = 4;

async function timedPass(tally: Tally, tiles: Tile[], request: (t: Tile) => Promise<Answer>): Promise<void> {
  const started = performance.now();
  for (const t of tiles) {
    const a = await request(t);
    tally.record(a.ms, a.status, a.wireBytes);
  }
  tally.wallMs = performance.now() - started;
}

/** The same client against a Node server that answers every request with a bare 304 (after a warm-up). */
async function httpFloor(requests: number): Promise<Tally> {
  const server = http.createServer((_req, res) => res.writeHead(304, { ETag: '"floor"' }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const ask = () => client.request('/tiles/grids/13/0/0.mvt', { headers: { 'if-none-match': '"floor"' } });
    for (let i = 0; i < Math.min(requests, 100); i++) await ask();
    const tally = new Tally();
    const started = performance.now();
    for (let i = 0; i < requests; i++) {
      const a = await ask();
      tally.record(a.ms, a.status, a.wireBytes);
    }
    tally.wallMs = performance.now() - started;
    return tally;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
