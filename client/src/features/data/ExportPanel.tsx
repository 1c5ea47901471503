import { useState } from 'react';
import {
  coverageExportUrl,
  membersExportUrl,
  spatialExportUrl,
  type ExportFormat,
  type SpatialExport,
} from '../../api/exportUrl';
import type { Role, SessionUser } from '../../api/session';
import { useT } from '../../i18n/useT';
import { GisConnect } from './GisConnect';
import { RegionScopePicker } from './RegionScopePicker';
import { dataText, type DataKey } from './strings';

interface Download {
  href: string;
  format: string;
  /** What the link says when it is more than the format's name. */
  text?: DataKey | undefined;
}

interface Dataset {
  id: string;
  label: DataKey;
  note: DataKey;
  roles: readonly Role[];
  downloads: (region: string) => Download[];
}

const FORMATS: readonly { id: ExportFormat; label: string; text?: DataKey }[] = [
  { id: 'geojson', label: 'GeoJSON' },
  { id: 'shp', label: 'Shapefile' },
  { id: 'csv', label: 'CSV' },
  { id: 'gpkg', label: 'GeoPackage', text: 'formatGeopackageLink' },
];

const spatial = (dataset: SpatialExport) => (region: string) =>
  FORMATS.map((f) => ({ href: spatialExportUrl(dataset, region, f.id), format: f.label, text: f.text }));

const DATASETS: readonly Dataset[] = [
  { id: 'grids', label: 'datasetGrids', note: 'datasetGridsNote', roles: ['leader', 'planner', 'admin'], downloads: spatial('grids') },
  {
    id: 'facilities',
    label: 'datasetFacilities',
    note: 'datasetFacilitiesNote',
    roles: ['leader', 'planner', 'admin'],
    downloads: spatial('facilities'),
  },
  { id: 'buildings', label: 'datasetBuildings', note: 'datasetBuildingsNote', roles: ['leader', 'planner', 'admin'], downloads: spatial('buildings') },
  { id: 'regions', label: 'datasetRegions', note: 'datasetRegionsNote', roles: ['leader', 'planner', 'admin'], downloads: spatial('regions') },
  {
    id: 'coverage',
    label: 'datasetCoverage',
    note: 'datasetCoverageNote',
    roles: ['leader', 'planner', 'admin'],
    downloads: (region) => [{ href: coverageExportUrl(region), format: 'CSV' }],
  },
  {
    id: 'members',
    label: 'datasetMembers',
    note: 'datasetMembersNote',
    roles: ['admin'],
    downloads: (region) => [{ href: membersExportUrl(region), format: 'CSV' }],
  },
];

/**
 * 导出: the account's region or a part of it, as files. Links rather than fetches: the browser
 * downloads the server's attachment with the session cookie and shows its own progress.
 */
export function ExportPanel({ user }: { user: SessionUser }) {
  const { t } = useT(dataText);
  const [region, setRegion] = useState(user.regionCode);
  const datasets = DATASETS.filter((d) => d.roles.includes(user.role));

  return (
    <section className="data-section export-panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('exportHeading')}</h2>
      <p className="muted">{t('exportIntro')}</p>
      <fieldset className="field-group export-region">
        <legend>{t('regionLabel')}</legend>
        <RegionScopePicker scopeCode={user.regionCode} scopeName={user.regionName} value={region} onChange={setRegion} />
      </fieldset>
      <ul className="export-list">
        {datasets.map((d) => (
          <li key={d.id} className="export-item" data-dataset={d.id}>
            <div className="export-text">
              <h3 className="export-name">{t(d.label)}</h3>
              <p className="export-note">{t(d.note)}</p>
            </div>
            <div className="export-links">
              {d.downloads(region).map((link) => (
                <a
                  key={link.format}
                  className="secondary-button small-button export-link"
                  href={link.href}
                  download
                  aria-label={t('downloadAs', { dataset: t(d.label), format: link.format })}
                  data-format={link.format}
                >
                  {link.text ? t(link.text) : link.format}
                </a>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <p className="field-hint">{t('exportHint')}</p>
      <GisConnect />
    </section>
  );
}
