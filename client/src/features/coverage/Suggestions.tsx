import { useEffect, useState } from 'react';
import type { SuggestedStations } from '../../api/getSuggestedStations';
import { labelled } from '../../i18n/join';
import { useT } from '../../i18n/useT';
import type { ReachRadius } from '../../api/getStationReach';
import type { CoverageLayers } from '../../map/overlays/CoverageLayers';
import { Loading } from './CoverageStatus';
import { formatNumber, formatShare } from './metrics';
import { coverageText } from './strings';
import { useSuggestedStations, type SuggestionRequest } from './useCoverageData';

const COUNTS = [1, 2, 3, 4, 5] as const;

/** 建议新增服务站: computed only when asked, for the radius chosen above. */
export function Suggestions({ region, radius, layers }: { region: string; radius: ReachRadius; layers: CoverageLayers | null }) {
  const { t } = useT(coverageText);
  const [count, setCount] = useState(3);
  const [request, setRequest] = useState<SuggestionRequest | null>(null);
  // A new radius makes earlier suggestions stale: they are put away until asked for again.
  if (request && request.radiusMeters !== radius) setRequest(null);
  const suggestions = useSuggestedStations(region, request);
  const shown = request ? suggestions : null;
  // While asked again, the earlier answer is off the list and the map, as on the first ask.
  const ready = shown && !shown.isFetching && shown.isSuccess ? shown.data : undefined;
  useSitesOnMap(layers, ready);

  const run = () => {
    if (request && request.count === count && request.radiusMeters === radius) void suggestions.refetch();
    else setRequest({ count, radiusMeters: radius });
  };

  return (
    <section className="coverage-section" aria-labelledby="coverage-suggest-heading">
      <h2 id="coverage-suggest-heading">{t('suggestHeading')}</h2>
      <div className="coverage-buttons">
        <label className="coverage-field">
          <span>{t('suggestCount')}</span>
          <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary-button" onClick={run} disabled={shown?.isFetching === true}>
          {t('suggestButton')}
        </button>
      </div>
      {shown?.isFetching && <Loading text={t('suggestRunning')} />}
      {shown && !shown.isFetching && shown.isError && <p role="alert">{t('error', { message: shown.error.message })}</p>}
      {ready && <SuggestedSites suggestions={ready} />}
    </section>
  );
}

/** The suggested sites as numbered markers on the map while they are listed. */
function useSitesOnMap(layers: CoverageLayers | null, suggestions: SuggestedStations | undefined): void {
  const { t, lang } = useT(coverageText);
  useEffect(() => {
    if (!layers) return;
    layers.setSites(suggestions?.sites ?? [], (n, site) =>
      labelled(lang, t('siteLabel', { n }), `${site.gridName}${lang === 'en' ? ', ' : '，'}${t('suggestGain', { adds: site.addsMembers, share: formatShare(site.shareAfter, lang) })}`),
    );
    return () => layers.setSites([], () => '');
  }, [layers, suggestions, t, lang]);
}

function SuggestedSites({ suggestions }: { suggestions: SuggestedStations }) {
  const { t, lang } = useT(coverageText);
  return (
    <div data-testid="coverage-suggestions">
      <p>{t('suggestBefore', { share: formatShare(suggestions.shareBefore, lang) })}</p>
      {suggestions.sites.length === 0 ? (
        <p>{t('suggestNone')}</p>
      ) : (
        <ol className="coverage-sites">
          {suggestions.sites.map((s) => (
            <li key={`${s.gridId}-${s.lng}-${s.lat}`}>
              <strong>{s.gridName}</strong>（{s.gridCode}）
              <br />
              {t('suggestGain', { adds: formatNumber(s.addsMembers, 0, lang), share: formatShare(s.shareAfter, lang) })}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
