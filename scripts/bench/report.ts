// The one table the bench prints, and the progress lines (stderr).

export interface Row {
  /** Where it ran: "demo · postgres", "city · postgres", "demo · embedded", … */
  section: string;
  /** Row number of the plan (1–15) or "import" for the import checks. */
  id: string;
  operation: string;
  p50?: number | undefined;
  p95?: number | undefined;
  throughput?: string | undefined;
  baseline?: string | undefined;
  ratio?: string | undefined;
  goal?: string | undefined;
  /** true/false against the goal; undefined when informational. */
  ok?: boolean | undefined;
  /** Bytes, counts, failures (status codes, timeouts): whatever the figures need beside them. */
  notes?: string | undefined;
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function perSecond(value: number): string {
  if (Number.isNaN(value)) return '—';
  return value >= 100 ? `${value.toFixed(0)}/s` : value >= 10 ? `${value.toFixed(1)}/s` : `${value.toFixed(2)}/s`;
}

export function bytes(value: number): string {
  if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(2)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} kB`;
  return `${value} B`;
}

/** "1.84×" */
export function times(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? `${value.toFixed(0)}×` : value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`;
}

// East Asian wide characters take two columns in a terminal.
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

const HEADER = ['#', 'operation', 'p50', 'p95', 'throughput', 'baseline (measured in the same run)', 'ratio', 'goal', 'ok', 'notes'];

function cells(r: Row): string[] {
  return [
    r.id,
    r.operation,
    ms(r.p50),
    ms(r.p95),
    r.throughput ?? '',
    r.baseline ?? '',
    r.ratio ?? '',
    r.goal ?? '',
    r.ok === undefined ? 'info' : r.ok ? 'yes' : 'NO',
    r.notes ?? '',
  ];
}

/** A Markdown table (readable in a terminal too), one block per section. */
export function formatTable(rows: readonly Row[], sectionNotes: ReadonlyMap<string, string> = new Map()): string {
  const all = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(width(h), ...all.map((c) => width(c[i]!))));
  const line = (c: string[]) => `| ${c.map((x, i) => pad(x, widths[i]!)).join(' | ')} |`;
  const out: string[] = [];
  let section: string | undefined;
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      if (out.length > 0) out.push('');
      const note = sectionNotes.get(section);
      out.push(`**${section}**${note ? ` — ${note}` : ''}`, '', line(HEADER), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    }
    out.push(line(cells(r)));
  }
  return out.join('\n');
}
