import { useState } from 'react';
import { coverageExportUrl } from '../../api/exportUrl';
import { recordExport } from '../../api/recordExport';
import type { FacilityKind } from '../../api/types';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import type { CoverageLayers } from '../../map/overlays/CoverageLayers';
import { downloadDataUrl, exportName } from './exportFiles';
import { composeSheet } from './mapSheet';
import { sheetContentOf, type ShownLayers } from './sheetContent';
import { coverageText } from './strings';

/** Maps are drawn again at twice the screen's resolution (at least) for print. */
const PRINT_PIXEL_RATIO = 2;

/**
 * 导出: the per-grid table as CSV (from the server, which records the download) and the map as a
 * sheet to print (PNG: title, region, date, legend, scale, north arrow, data note), recorded
 * before it is saved.
 */
export function ExportSection({
  region,
  regionName,
  layers,
  shown,
}: {
  region: string;
  regionName: string;
  layers: CoverageLayers | null;
  shown: ShownLayers;
}) {
  const { t, lang } = useT(coverageText);
  const common = useT(commonText);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const exportSheet = async (map: CoverageLayers) => {
    setBusy(true);
    setError(null);
    try {
      const kindName = (kind: FacilityKind) => common.t(`kind.${kind}`);
      const content = sheetContentOf(shown, { regionName, date: new Date() }, t, lang, kindName);
      const sheet = composeSheet(await map.captureMap(PRINT_PIXEL_RATIO), content);
      const url = sheet.toDataURL('image/png');
      // No file leaves without its record in the audit log.
      await recordExport({ kind: 'coverage-png', region });
      downloadDataUrl(url, exportName(region, 'png'));
    } catch (err) {
      setError(t('exportPngFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="coverage-section" aria-labelledby="coverage-export-heading">
      <h2 id="coverage-export-heading">{t('exportHeading')}</h2>
      <div className="coverage-buttons">
        <a className="secondary-button" href={coverageExportUrl(region)} download>
          {t('exportCsv')}
        </a>
        <button type="button" className="secondary-button" disabled={!layers || busy} onClick={() => layers && void exportSheet(layers)}>
          {busy ? t('exportPngBusy') : t('exportPng')}
        </button>
      </div>
      <p className="coverage-note">{t('exportCsvHint')}</p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
