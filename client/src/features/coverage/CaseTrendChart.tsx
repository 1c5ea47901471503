import type { CaseTrend } from '../../api/getCaseStats';
import { useT } from '../../i18n/useT';
import { caseText } from './caseStrings';

// The weekly trend as a small SVG: reported and closed as paired bars, overdue as a line.

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 26, right: 6, top: 8, bottom: 22 };
const COLORS = { reported: '#74a9cf', closed: '#045a8d', overdue: '#d95f0e' } as const;

export function CaseTrendChart({ trend }: { trend: CaseTrend }) {
  const { t } = useT(caseText);
  const weeks = trend.weeks;
  const max = Math.max(1, ...weeks.flatMap((w) => [w.reported, w.closed, w.overdue]));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, weeks.length);
  const bar = Math.max(2, slot / 2 - 2);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const line = weeks.map((w, i) => `${PAD.left + slot * i + slot / 2},${y(w.overdue)}`).join(' ');
  const empty = weeks.every((w) => w.reported === 0 && w.closed === 0 && w.overdue === 0);

  return (
    <section className="coverage-section" aria-labelledby="cases-trend-heading">
      <h2 id="cases-trend-heading">{t('trendHeading', { weeks: weeks.length })}</h2>
      {empty ? (
        <p className="coverage-note">{t('trendEmpty')}</p>
      ) : (
        <svg className="cases-trend" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="cases-trend-heading" data-testid="cases-trend">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#999" strokeWidth="1" />
          <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end" fontSize="9" fill="#555">{max}</text>
          <text x={PAD.left - 4} y={y(0)} textAnchor="end" fontSize="9" fill="#555">0</text>
          {weeks.map((w, i) => {
            const x = PAD.left + slot * i + slot / 2;
            return (
              <g key={w.week}>
                <title>{t('trendWeek', { week: w.week, reported: w.reported, closed: w.closed, overdue: w.overdue })}</title>
                <rect x={x - bar - 1} y={y(w.reported)} width={bar} height={y(0) - y(w.reported)} fill={COLORS.reported} />
                <rect x={x + 1} y={y(w.closed)} width={bar} height={y(0) - y(w.closed)} fill={COLORS.closed} />
                {(i % 2 === weeks.length % 2 || weeks.length <= 6) && (
                  <text x={x} y={HEIGHT - 8} textAnchor="middle" fontSize="9" fill="#555">{w.week.slice(5).replace('-', '/')}</text>
                )}
              </g>
            );
          })}
          <polyline points={line} fill="none" stroke={COLORS.overdue} strokeWidth="2" />
          {weeks.map((w, i) => (
            <circle key={w.week} cx={PAD.left + slot * i + slot / 2} cy={y(w.overdue)} r="2.5" fill={COLORS.overdue} />
          ))}
        </svg>
      )}
      <ul className="cases-trend-key">
        <li><span className="cases-swatch" style={{ background: COLORS.reported }} />{t('trendReported')}</li>
        <li><span className="cases-swatch" style={{ background: COLORS.closed }} />{t('trendClosed')}</li>
        <li><span className="cases-swatch cases-swatch-line" style={{ background: COLORS.overdue }} />{t('trendOverdue')}</li>
      </ul>
      <table className="cases-sr-only">
        <caption>{t('trendHeading', { weeks: weeks.length })}</caption>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}><td>{t('trendWeek', { week: w.week, reported: w.reported, closed: w.closed, overdue: w.overdue })}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
