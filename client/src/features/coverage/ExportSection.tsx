import type { CoverageGrid } from '../../api/getCoverageGrids';
import { useT } from '../../i18n/useT';
import { downloadCsv } from '../../ui/csv';
import type { CoverageLayers } from '../../map/overlays/CoverageLayers';
import { downloadDataUrl, exportName, gridsCsv } from './exportFiles';
import { coverageText } from './strings';

/** 导出: the per-grid table as CSV and the map as it looks now as PNG. */
export function ExportSection({
  grids,
  region,
  layers,
}: {
  grids: readonly CoverageGrid[];
  region: string;
  layers: CoverageLayers | null;
}) {
  const { t } = useT(coverageText);
  return (
    <section className="coverage-section" aria-labelledby="coverage-export-heading">
      <h2 id="coverage-export-heading">{t('exportHeading')}</h2>
      <div className="coverage-buttons">
        <button type="button" className="secondary-button" onClick={() => downloadCsv(gridsCsv(grids, t), exportName(region, 'csv'))}>
          {t('exportCsv')}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!layers}
          onClick={() => void layers?.capturePng().then((url) => downloadDataUrl(url, exportName(region, 'png')))}
        >
          {t('exportPng')}
        </button>
      </div>
    </section>
  );
}
