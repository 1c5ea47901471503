import { addRow, wants } from '../context.ts';
import type { HttpClient } from '../http-client.ts';
import type { BenchOptions } from '../options.ts';
import { type Row, perSecond, progress, times } from '../report.ts';
import { boxAround, tilesOver, type Scope } from '../scope.ts';
import { Tally } from '../stats.ts';

// Row 15: the embedded database (PGlite, tiles encoded in Node) against the real PostgreSQL on
// the same requests at demo scale, one at a time, each server asked exactly the same list.
// Tiles are z15 grid tiles over the old city that neither server has served (rows 7–8 use z13–14).

interface Probe {
  label: string;
  paths: string[];
  expected: string[];
}

function probes(scope: Scope, quick: boolean): Probe[] {
  const n = quick ? 20 : 60;
  const points = scope.points.slice(0, n);
  const tiles = tilesOver(scope.oldCity, 15);
  // Spread over the old city rather than its first rows.
  const step = Math.max(1, Math.floor(tiles.length / n));
  const tilePaths = tiles.filter((_, i) => i % step === 0).slice(0, n).map((t) => `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`);
  const words = ['社区', '街道', '网格', '党群', '服务站', '3202', '320213', '梁溪', '新村', '路'];
  return [
    { label: 'grid tiles z15, uncached', paths: tilePaths, expected: ['200', '204'] },
    { label: '/api/nearest', paths: points.map(([x, y]) => `/api/nearest?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}`), expected: ['200'] },
    { label: '/api/locate', paths: points.map(([x, y]) => `/api/locate?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}`), expected: ['200', '404'] },
    { label: '/api/search', paths: points.map((_, i) => `/api/search?q=${encodeURIComponent(words[i % words.length]!)}`), expected: ['200'] },
    {
      label: '/api/facilities?bbox= (2 km × 1.5 km)',
      paths: points.map((p) => `/api/facilities?bbox=${boxAround(p, 2000, 1500).map((v) => v.toFixed(6)).join(',')}`),
      expected: ['200'],
    },
  ];
}

/** Both servers, the same paths, interleaved (which goes first alternates) so drift hits both alike. */
async function runBoth(a: HttpClient, b: HttpClient, paths: string[]): Promise<[Tally, Tally]> {
  const ta = new Tally();
  const tb = new Tally();
  for (let i = 0; i < paths.length; i++) {
    const order: [HttpClient, Tally][] = i % 2 === 0 ? [[a, ta], [b, tb]] : [[b, tb], [a, ta]];
    for (const [client, t] of order) {
      const answer = await client.request(paths[i]!);
      t.record(answer.ms, answer.status, answer.wireBytes);
    }
  }
  // Sequential: the rate is one over the mean time of a request.
  ta.wallMs = ta.latencies.reduce((s, x) => s + x, 0);
  tb.wallMs = tb.latencies.reduce((s, x) => s + x, 0);
  return [ta, tb];
}

export async function embeddedRows(
  ctx: { rows: Row[]; options: BenchOptions },
  scope: Scope,
  postgres: HttpClient,
  embedded: HttpClient,
  firstStartMs: number,
): Promise<void> {
  const section = 'demo · embedded vs postgres';
  addRow(ctx, {
    section,
    id: '15',
    operation: 'embedded first start (schema + demo + accounts)',
    p50: firstStartMs,
    goal: 'informational',
    notes: 'spawn to "ready", a fresh DATA_DIR',
  });
  const z12 = tilesOver(scope.oldCity, 12)[0]!;
  const warmTile = `/tiles/grids/12/${z12.x}/${z12.y}.mvt`;
  for (const probe of probes(scope, ctx.options.quick)) {
    const operation = `embedded vs postgres: ${probe.label}`;
    if (!wants(ctx.options, '15', operation)) continue;
    progress(`${section}: ${probe.label}, ${probe.paths.length} requests on each`);
    // Warm-up: a few requests that are not in the list (other points / a z12 tile).
    for (const c of [postgres, embedded]) {
      for (const p of probe.label.startsWith('grid tiles') ? [warmTile] : probe.paths.slice(-3)) {
        await c.request(p.replace(/lng=([\d.]+)/, (_, x: string) => `lng=${(Number(x) + 0.0001).toFixed(6)}`));
      }
    }
    const [pg, em] = await runBoth(postgres, embedded, probe.paths);
    const ratio = em.rate(probe.expected) / pg.rate(probe.expected);
    const failures = [em.failures(probe.expected), pg.failures(probe.expected)];
    addRow(ctx, {
      section,
      id: '15',
      operation,
      p50: em.p50,
      p95: em.p95,
      throughput: `${perSecond(em.rate(probe.expected))} (c=1)`,
      baseline: `postgres ${perSecond(pg.rate(probe.expected))}, p50 ${pg.p50.toFixed(2)} ms, p95 ${pg.p95.toFixed(2)} ms`,
      ratio: `speed ${times(ratio)}`,
      goal: 'speed ≥ 0.5×',
      ok: !failures[0] && !failures[1] && ratio >= 0.5,
      notes: [
        failures[0] ? `embedded failures: ${failures[0]}` : '',
        failures[1] ? `postgres failures: ${failures[1]}` : '',
        `n=${em.count}`,
      ].filter(Boolean).join('; '),
    });
  }
}
