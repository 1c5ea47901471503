import { useMemo, useState } from 'react';
import type { Impact } from '../../api/gridEditTypes';
import { useT } from '../../i18n/useT';
import { overlayBalance } from './balanceFigures';
import { useCommunityBalance } from './queries';
import { SizeTargetForm } from './SizeTargetForm';
import { RangeLabel, SizeBar } from './SizeBar';
import { plannerText } from './strings';

interface Props {
  communityCode: string;
  /** The dry run of the edit being drawn: its grids are shown as they would be. */
  live: Impact | null;
  /** Selects a grid from the list (null while an edit is under way). */
  onSelect: ((id: number) => void) | null;
  canEditTarget: boolean;
}

/** 网格规模: the community's grids against its household target, the largest deviation and the grids out of range. */
export function BalancePanel({ communityCode, live, onSelect, canEditTarget }: Props) {
  const text = useT(plannerText);
  const { t, num } = text;
  const { data, error, isPending, refetch } = useCommunityBalance(communityCode);
  const [editing, setEditing] = useState(false);
  const balance = useMemo(() => (data ? overlayBalance(data, live) : null), [data, live]);
  const pct = (f: number) => num(Math.round(f * 1000) / 10, 1);

  let body;
  if (isPending) body = <p className="muted" role="status">{t('balanceLoading')}</p>;
  else if (error || !balance)
    body = (
      <p className="planner-error" role="alert">
        {t('balanceError', { message: error?.message ?? '' })}{' '}
        <button type="button" className="link-button" onClick={() => void refetch()}>
          {t('retry')}
        </button>
      </p>
    );
  else {
    const { target } = balance;
    const out = balance.grids.filter((g) => g.range !== 'within').sort((a, b) => b.households - a.households);
    const from = target.from === 'default' ? t('balanceFromDefault') : target.from === communityCode ? '' : t('balanceFromRegion', { code: target.from });
    const over = balance.maxDeviation > target.maxDeviation;
    body = (
      <>
        <p data-testid="balance-target" data-min={target.min} data-max={target.max}>
          {t('balanceTargetLine', { min: num(target.min), max: num(target.max), dev: pct(target.maxDeviation) })}
          <span className="muted">{from}</span>
          {canEditTarget && !editing && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t('targetEdit')}
              </button>
            </>
          )}
        </p>
        {editing && <SizeTargetForm communityCode={communityCode} target={target} onDone={() => setEditing(false)} />}
        {live && <p className="planner-hint planner-balance-live">{t('balanceLive')}</p>}
        {balance.grids.length === 0 ? (
          <p className="muted">{t('balanceNoGrids')}</p>
        ) : (
          <>
            <dl className="planner-facts">
              <div>
                <dt>{t('balanceSource')}</dt>
                <dd data-source={balance.householdsSource}>{balance.householdsSource === 'buildings' ? t('balanceSourceBuildings') : t('balanceSourceEstimate')}</dd>
              </div>
              <div>
                <dt>{t('balanceEvenShare')}</dt>
                <dd>{balance.evenShare === null ? t('none') : t('householdsN', { n: num(Math.round(balance.evenShare)) })}</dd>
              </div>
              <div>
                <dt>{t('balanceMaxDeviation')}</dt>
                <dd className={over ? 'planner-balance-over' : undefined} data-testid="balance-max-deviation" data-value={balance.maxDeviation}>
                  {pct(balance.maxDeviation)}%{over ? `（${t('balanceDeviationOver', { dev: pct(target.maxDeviation) })}）` : ''}
                </dd>
              </div>
            </dl>
            {out.length === 0 ? (
              <p className="planner-ok">{t('balanceAllWithin')}</p>
            ) : (
              <>
                <h3>{t('balanceOut', { n: out.length })}</h3>
                <ul className="planner-balance-out" data-testid="balance-out">
                  {out.map((g) => (
                    <li key={g.id} data-grid-id={g.id} data-households={g.households} data-range={g.range}>
                      {onSelect ? (
                        <button type="button" className="link-button" onClick={() => onSelect(g.id)}>
                          {t('balanceOutItem', { name: g.name, n: num(g.households)})}
                        </button>
                      ) : (
                        <span>{t('balanceOutItem', { name: g.name, n: num(g.households)})}</span>
                      )}
                      <RangeLabel range={g.range} text={text} />
                      <SizeBar households={g.households} target={target} range={g.range} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </>
    );
  }
  return (
    <section className="planner-section planner-balance" aria-labelledby="planner-balance-heading" aria-live="polite">
      <h2 id="planner-balance-heading">{t('balanceTitle')}</h2>
      {body}
    </section>
  );
}
