import { addRow, latencyRow, plans, wants, type ScaleContext } from '../context.ts';
import { sequential } from '../measure.ts';
import { bytes } from '../report.ts';

// Rows 1–4, 12–14: single requests, one at a time, as the pages make them.

export async function coverageRows(ctx: ScaleContext): Promise<void> {
  const { heavy, light } = plans(ctx.options, ctx.scale);
  const scope = ctx.scope.code;
  const cases: { id: string; op: string; path: string; goalMs: number; bodySize?: boolean }[] = [
    { id: '1', op: `/api/coverage/summary (leader, ${scope})`, path: '/api/coverage/summary', goalMs: 1000 },
    { id: '2', op: '/api/coverage/stations?radiusMeters=1000', path: '/api/coverage/stations?radiusMeters=1000', goalMs: 1000 },
    { id: '3', op: '/api/coverage/suggest-stations?count=3&radiusMeters=1000', path: '/api/coverage/suggest-stations?count=3&radiusMeters=1000', goalMs: 1000 },
    { id: '4', op: '/api/coverage/heatmap (whole scope, 250 m)', path: '/api/coverage/heatmap?cellMeters=250', goalMs: 500, bodySize: true },
  ];
  for (const c of cases) {
    if (!wants(ctx.options, c.id, c.op)) continue;
    let wire = 0;
    let decoded = 0;
    const t = await sequential(heavy, async () => {
      const a = await ctx.leader.request(c.path);
      if (a.status === 200) {
        wire = a.wireBytes;
        decoded = a.body.length;
      }
      return { status: a.status };
    });
    const notes = c.bodySize ? [`response ${bytes(wire)} on the wire, ${bytes(decoded)} decoded`] : [];
    addRow(ctx, latencyRow(ctx, c.id, c.op, t, c.goalMs, { notes }));
  }

  if (wants(ctx.options, '12', 'GET /api/facilities (landing page)')) {
    const [table] = await ctx.db.query<{ all: number; public: number }>(
      'select count(*)::integer as all, (count(*) filter (where public))::integer as public from facility',
    );
    let wire = 0;
    let decoded = 0;
    let features = -1;
    const t = await sequential(heavy, async () => {
      // The landing page asks with no box (client/src/ui/useDistrictData.ts), anonymously.
      const a = await ctx.anonymous.request('/api/facilities');
      if (a.status === 200) {
        wire = a.wireBytes;
        decoded = a.body.length;
      }
      if (a.status === 200) features = (JSON.parse(a.body.toString()) as { features: unknown[] }).features.length;
      return { status: a.status };
    });
    const whole = features === table!.public;
    const row = latencyRow(ctx, '12', 'GET /api/facilities (landing page, anonymous)', t, undefined, {
      notes: [
        `${bytes(wire)} on the wire, ${bytes(decoded)} decoded`,
        `${features} features of ${table!.public} public (${table!.all} in the table): ${whole ? 'WHOLE TABLE' : 'not the whole table'}`,
      ],
    });
    row.goal = 'never the whole table';
    row.ok = features >= 0 && !whole && !t.failures();
    addRow(ctx, row);
  }

  if (wants(ctx.options, '13', '/api/search?q=社区')) {
    const t = await sequential(light, async () => ({ status: (await ctx.anonymous.request(`/api/search?q=${encodeURIComponent('社区')}`)).status }));
    addRow(ctx, latencyRow(ctx, '13', '/api/search?q=社区', t, 30));
  }

  if (wants(ctx.options, '14', 'coverage CSV export')) {
    let size = 0;
    const t = await sequential(heavy, async () => {
      const a = await ctx.leader.request('/api/exports/coverage');
      if (a.status === 200) size = a.body.length;
      return { status: a.status };
    });
    addRow(ctx, latencyRow(ctx, '14', 'coverage CSV export /api/exports/coverage', t, 2000, { notes: [`${bytes(size)}`] }));
  }
}
