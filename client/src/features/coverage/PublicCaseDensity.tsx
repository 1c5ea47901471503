import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/useT';
import { HEAT_PALETTE, paletteFor } from './metrics';
import { caseText } from './caseStrings';
import { heatBreaksOf, rangeLabel } from './legend';
import { useCaseCategories, useCaseDensity, useDensityLayer } from './useCaseStats';
import { useSession } from '../../ui/session';

/**
 * 民情分布: for everyone, signed in or not — closed cases per fixed hexagon, small counts
 * withheld by the server (the member heatmap's rule); never a case's place.
 */
export function CaseDensitySection({ initiallyShown = false }: { initiallyShown?: boolean }) {
  const { t, lang } = useT(caseText);
  const [shown, setShown] = useState(initiallyShown);
  const [category, setCategory] = useState('');
  const categories = useCaseCategories();
  const density = useCaseDensity(category);
  const breaks = useMemo(() => heatBreaksOf(density.data), [density.data]);
  const colors = useMemo(() => paletteFor(HEAT_PALETTE, breaks.length + 1), [breaks]);
  const layer = useDensityLayer();
  useEffect(() => layer?.setDensity(density.data ?? null, breaks, colors, shown), [layer, density.data, breaks, colors, shown]);

  return (
    <section className="coverage-section cases-public" aria-labelledby="cases-public-heading" data-testid="cases-public-density">
      <h2 id="cases-public-heading">{t('publicHeading')}</h2>
      <label className="coverage-check">
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} data-testid="cases-density-toggle" />
        {t('publicShow')}
      </label>
      {categories.data && categories.data.length > 0 && (
        <label className="coverage-field">
          <span>{t('publicCategory')}</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('publicAll')}</option>
            {categories.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {density.isPending && <p className="coverage-note" role="status">{t('publicLoading')}</p>}
      {density.isError && (
        <p role="alert">
          {t('loadFailed', { message: density.error.message })}{' '}
          <button type="button" className="secondary-button" onClick={() => void density.refetch()}>
            {t('retry')}
          </button>
        </p>
      )}
      {density.data && (
        <>
          <p className="coverage-note">{density.data.total === 0 ? t('publicEmpty') : t('publicTotal', { total: density.data.total })}</p>
          {shown && density.data.cells.features.length > 0 && (
            <ul className="cases-legend-list">
              {colors.map((c, i) => (
                <li key={c}>
                  <span className="cases-swatch" style={{ background: c }} />
                  {rangeLabel(breaks, i, 0, lang, density.data.minCount)}
                </li>
              ))}
            </ul>
          )}
          <p className="coverage-note">{t('publicText', { min: density.data.minCount, hidden: density.data.suppressed })}</p>
        </>
      )}
    </section>
  );
}

/** For visitors who are not signed in: the density on the coverage page, shown on the map at once. */
export function PublicCaseDensity() {
  const session = useSession();
  return session.status === 'signed-out' ? <SignedOutDensity /> : null;
}

function SignedOutDensity() {
  return (
    <div className="workspace-panel-content cases-public-panel">
      <CaseDensitySection initiallyShown />
    </div>
  );
}
