import type { UseQueryResult } from '@tanstack/react-query';
import { REACH_RADII, type StationReach } from '../../api/getStationReach';
import { useT } from '../../i18n/useT';
import { Loading } from './CoverageStatus';
import { formatNumber, formatShare } from './metrics';
import { coverageText } from './strings';
import type { CoverageView } from './useCoverageView';


/** 服务站覆盖范围: the share of members and households within the chosen radius of a station. */
export function ReachSection({ view, reach }: { view: CoverageView; reach: UseQueryResult<StationReach> }) {
  const { t } = useT(coverageText);
  return (
    <section className="coverage-section" aria-labelledby="coverage-reach-heading">
      <h2 id="coverage-reach-heading">{t('reachHeading')}</h2>
      <label className="coverage-field">
        <span>{t('radius')}</span>
        <select value={view.radius} onChange={(e) => view.setRadius(REACH_RADII.find((r) => r === Number(e.target.value)) ?? view.radius)} data-testid="coverage-radius">
          {REACH_RADII.map((r) => (
            <option key={r} value={r}>
              {t('radiusOption', { radius: r })}
            </option>
          ))}
        </select>
      </label>
      {reach.isLoading && <Loading text={t('reachLoading')} />}
      {reach.isError && <p role="alert">{t('error', { message: reach.error.message })}</p>}
      {reach.isSuccess && <ReachShares reach={reach.data} />}
      <label className="coverage-check">
        <input type="checkbox" checked={view.showUncovered} onChange={(e) => view.setShowUncovered(e.target.checked)} />
        <span className="coverage-swatch coverage-swatch-hatch" aria-hidden="true" />
        {t('showUncovered')}
      </label>
    </section>
  );
}

function ReachShares({ reach }: { reach: StationReach }) {
  const { t, lang } = useT(coverageText);
  const count = (n: number) => formatNumber(n, 0, lang);
  return (
    <ul className="coverage-reach" data-testid="coverage-reach">
      <li>
        {t('reachMembers', {
          share: formatShare(reach.membersWithinReachShare, lang),
          reached: count(reach.reachedMembers),
          total: count(reach.members),
        })}
      </li>
      <li>
        {t('reachHouseholds', {
          share: formatShare(reach.householdsWithinReachShare, lang),
          reached: count(reach.reachedHouseholds),
          total: count(reach.households),
        })}
      </li>
    </ul>
  );
}
