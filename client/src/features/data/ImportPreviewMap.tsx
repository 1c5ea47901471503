import { useEffect, useId, useRef } from 'react';
import type { ImportAction, ImportReport } from '../../api/importTypes';
import { useT } from '../../i18n/useT';
import { PreviewMap } from '../../map/PreviewMap';
import { dataText, type DataKey } from './strings';

/** ColorBrewer Set1-like hues, distinct for the colour-blind by lightness too: new, changed, as is. */
export const ACTION_COLORS: Record<ImportAction['action'], string> = {
  create: '#1a9850',
  update: '#d95f02',
  unchanged: '#969696',
};

const LEGEND: { action: ImportAction['action']; label: DataKey }[] = [
  { action: 'create', label: 'actionCreate' },
  { action: 'update', label: 'actionUpdate' },
  { action: 'unchanged', label: 'actionUnchanged' },
];

/**
 * The dry run's features on a small map of their own, coloured by what the import does to each
 * and fitted to them, so the user sees where the file's grids or stations land before importing.
 * Nothing for a member roll: members are never shown as places.
 */
export function ImportPreviewMap({ report }: { report: ImportReport }) {
  const { t } = useT(dataText);
  const headingId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const preview = report.preview;
  const count = preview?.features.features.length ?? 0;

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !preview || preview.features.features.length === 0) return;
    const map = new PreviewMap(container, { colorBy: 'action', colors: ACTION_COLORS });
    void map.show(preview.features);
    return () => map.destroy();
  }, [preview]);

  if (!preview || count === 0) return null;
  const what = t(report.kind === 'grids' ? 'previewGrids' : report.kind === 'buildings' ? 'previewBuildings' : 'previewFacilities');
  return (
    <section className="import-preview" aria-labelledby={headingId} data-features={count}>
      <h4 id={headingId}>{t('previewHeading')}</h4>
      <p className="muted">
        {t('previewIntro', { count: count.toLocaleString('zh-CN'), what })}
        {preview.truncated ? ` ${t('previewTruncated', { shown: count.toLocaleString('zh-CN') })}` : ''}
      </p>
      <div ref={containerRef} className="import-preview-map" role="img" aria-label={t('previewMap')} />
      <ul className="import-preview-legend" aria-label={t('previewLegend')}>
        {LEGEND.map(({ action, label }) => (
          <li key={action}>
            <span className="import-preview-swatch" style={{ background: ACTION_COLORS[action] }} aria-hidden="true" />
            {t(label)}
          </li>
        ))}
      </ul>
    </section>
  );
}
