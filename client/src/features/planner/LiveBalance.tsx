import type { GridFeature } from '../../api/types';
import { useT } from '../../i18n/useT';
import { gridId } from './editContext';
import { RangeLabel, SizeBar } from './SizeBar';
import { plannerText } from './strings';
import type { LivePreview } from './useLivePreview';

/**
 * The households of every grid the shape being drawn changes, before → after, against the
 * target: updated while a corner is dragged, before the mouse is released.
 */
export function LiveBalance({ live, grids }: { live: LivePreview; grids: GridFeature[] }) {
  const text = useT(plannerText);
  const { t, num } = text;
  const { impact } = live;
  const before = new Map(grids.map((g) => [gridId(g), g.properties.households]));
  let status = null;
  if (live.violations) status = <p className="planner-error">{t('liveBroken')}</p>;
  else if (!impact && live.pending)
    status = (
      <p className="planner-checking">
        <span className="planner-spinner" aria-hidden="true" />
        {t('liveChecking')}
      </p>
    );
  else if (!impact) status = <p className="muted">{t('liveWaiting')}</p>;
  const rows = impact ? impact.grids.filter((g) => !g.retired) : [];
  return (
    <section className="planner-live" aria-labelledby="planner-live-heading" data-pending={live.pending} data-ms={live.ms ?? undefined}>
      <div className="planner-live-header">
        <h3 id="planner-live-heading">{t('liveTitle')}</h3>
        {impact && <span className="muted">{t('liveTarget', { min: num(impact.target.min), max: num(impact.target.max) })}</span>}
        {impact && live.pending && <span className="planner-live-pending">{t('livePending')}</span>}
      </div>
      {status}
      {rows.length > 0 && (
        <ul className="planner-live-grids">
          {rows.map((g) => {
            const was = before.get(g.id);
            const name = was === undefined ? t('liveNew') : g.name;
            const beforeText = was === undefined || was === null ? '—' : num(was);
            return (
              <li
                key={g.id}
                data-grid-id={g.id}
                data-households={g.households}
                data-before={was ?? ''}
                data-range={g.range}
                aria-label={t('liveGridLabel', { name, before: beforeText, after: num(g.households), range: t(`range.${g.range}`) })}
              >
                <span className="planner-live-name">
                  {name}
                  {g.householdsSource === 'estimate' && <span className="muted">{t('estimateMark')}</span>}
                </span>
                <span className="planner-live-figures">
                  {beforeText} → <strong>{num(g.households)}</strong> {t('householdsUnit')}
                </span>
                <RangeLabel range={g.range} text={text} />
                <SizeBar households={g.households} before={was ?? null} target={impact!.target} range={g.range} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
