import os from 'node:os';
import { addRow, wants, type ScaleContext } from '../context.ts';
import { ms, perSecond, progress, times } from '../report.ts';
import { tilesOver } from '../scope.ts';
import { startServer } from '../server-process.ts';
import { seededRandom, Tally } from '../stats.ts';

// Row 16: a mixed load as a city's users make it — 90 % public (nearest, locate, z16 tiles), 9 %
// signed-in coverage reads, 1 % edits (a planner adds a station) — from 50 clients, first on the
// server as started (one process), then on a second server with WORKERS=2 on the same database.
// Counted: answers by class (p95), 5xx and connection errors. On a 2-core machine the load
// generator, PostgreSQL and the API processes share the cores, so a second process adds little
// throughput; the row shows that it adds some and breaks nothing. The public mix alone (the
// issue's one-against-two comparison) runs after each.

const CLIENTS = 50;
const WARMUP_MS = 2_000;

type Kind = 'public' | 'coverage' | 'edit';

interface MixedResult {
  byKind: Map<Kind, Tally>;
  serverErrors: number;
  connectionErrors: number;
  wallMs: number;
  /** CPU the load generator (this process) took meanwhile, in cores: where the limit is on a small machine. */
  generatorCores: number;
}

type Mix = 'full' | 'public';
const MIX_LABEL: Record<Mix, string> = { full: 'mixed load', public: 'public mix only (nearest, locate, z16 tiles)' };

export async function mixedLoadRows(ctx: ScaleContext, dataDir: string): Promise<void> {
  if (!wants(ctx.options, '16', 'mixed load')) return;
  const seconds = ctx.options.quick ? 10 : 60;
  // The comparison of one and two processes is for the public mix: run it on its own too.
  const publicSeconds = ctx.options.quick ? 10 : 30;
  progress(`${ctx.section}: mixed load, ${CLIENTS} clients, ${seconds} s, one API process`);
  const one = await mixedLoad(ctx, ctx.server.url, seconds, 'full');
  progress(`${ctx.section}: public mix, ${CLIENTS} clients, ${publicSeconds} s, one API process`);
  const onePublic = await mixedLoad(ctx, ctx.server.url, publicSeconds, 'public');
  const two = await startServer(`${ctx.section} WORKERS=2`, {
    DATABASE_URL: ctx.databaseUrl,
    DATA_DIR: dataDir,
    LOAD_DEMO: 'false',
    WORKERS: '2',
  });
  let twoResult: MixedResult;
  let twoPublic: MixedResult;
  try {
    progress(`${ctx.section}: mixed load, ${CLIENTS} clients, ${seconds} s, WORKERS=2`);
    twoResult = await mixedLoad(ctx, two.url, seconds, 'full');
    progress(`${ctx.section}: public mix, ${CLIENTS} clients, ${publicSeconds} s, WORKERS=2`);
    twoPublic = await mixedLoad(ctx, two.url, publicSeconds, 'public');
  } finally {
    await two.stop();
  }
  const rate = (r: MixedResult) => (sum(r, (t) => t.count) * 1000) / r.wallMs;
  for (const [mix, label, r, base] of [
    ['full', 'one API process', one, undefined],
    ['full', 'WORKERS=2', twoResult, one],
    ['public', 'one API process', onePublic, undefined],
    ['public', 'WORKERS=2', twoPublic, onePublic],
  ] as const) {
    const all = new Tally();
    for (const t of r.byKind.values()) all.merge(t);
    all.wallMs = r.wallMs;
    addRow(ctx, {
      section: ctx.section,
      id: '16',
      operation: `${MIX_LABEL[mix]} ×${CLIENTS} clients, ${label}`,
      p50: all.p50,
      p95: all.p95,
      throughput: `${perSecond(rate(r))} (c=${CLIENTS})`,
      baseline: base ? `one process ${perSecond(rate(base))}` : '—',
      ratio: base ? `throughput ${times(rate(r) / rate(base))}` : '',
      goal: '0 5xx, 0 connection errors',
      ok: r.serverErrors === 0 && r.connectionErrors === 0,
      notes: [
        ...[...r.byKind].filter(([, t]) => t.count > 0).map(([kind, t]) => `${kind} p95 ${ms(t.p95)} (n=${t.count})`),
        `5xx: ${r.serverErrors}`,
        `connection errors: ${r.connectionErrors}`,
        `the load generator used ${r.generatorCores.toFixed(2)} of ${os.availableParallelism()} cores`,
      ].join('; '),
    });
  }
}

function sum(r: MixedResult, f: (t: Tally) => number): number {
  let n = 0;
  for (const t of r.byKind.values()) n += f(t);
  return n;
}

async function mixedLoad(ctx: ScaleContext, url: string, seconds: number, mix: Mix): Promise<MixedResult> {
  const random = seededRandom(16);
  const points = ctx.scope.points;
  // z16: tiles no other row asks for (rows 7–8 use z13–z14, row 15 z15, which must stay uncached).
  const tiles = tilesOver(ctx.scope.oldCity, 16);
  const byKind = new Map<Kind, Tally>([
    ['public', new Tally()],
    ['coverage', new Tally()],
    ['edit', new Tally()],
  ]);
  let serverErrors = 0;
  let connectionErrors = 0;
  let edits = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const recordFrom = started + WARMUP_MS;
  const stopAt = recordFrom + seconds * 1000;

  const request = (): { kind: Kind; path: string; init: RequestInit } => {
    const roll = mix === 'public' ? 0 : random();
    const [lng, lat] = points[Math.floor(random() * points.length)]!;
    if (roll < 0.9) {
      const which = Math.floor(random() * 3);
      if (which === 0) return { kind: 'public', path: `/api/nearest?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`, init: {} };
      if (which === 1) return { kind: 'public', path: `/api/locate?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`, init: {} };
      const t = tiles[Math.floor(random() * tiles.length)]!;
      return { kind: 'public', path: `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`, init: { headers: { 'accept-encoding': 'gzip' } } };
    }
    if (roll < 0.99) {
      return { kind: 'coverage', path: `/api/coverage/summary?region=${ctx.scope.code}`, init: { headers: { cookie: ctx.leader.cookie ?? '' } } };
    }
    edits++;
    const body = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { name: `压测服务站${edits}`, kind: 'station', services: [] },
    };
    return {
      kind: 'edit',
      path: '/api/facilities',
      init: { method: 'POST', headers: { cookie: ctx.planner.cookie ?? '', 'content-type': 'application/json' }, body: JSON.stringify(body) },
    };
  };

  const client = async () => {
    while (performance.now() < stopAt) {
      const { kind, path, init } = request();
      const t0 = performance.now();
      try {
        const res = await fetch(url + path, init);
        await res.arrayBuffer();
        const t1 = performance.now();
        if (res.status >= 500) serverErrors++;
        if (t0 >= recordFrom && t1 <= stopAt) byKind.get(kind)!.record(t1 - t0, res.status);
      } catch {
        connectionErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const used = process.cpuUsage(cpu);
  const generatorCores = (used.user + used.system) / 1000 / (performance.now() - started);
  return { byKind, serverErrors, connectionErrors, wallMs: stopAt - recordFrom, generatorCores };
}
