import { useState } from 'react';
import { FACILITY_KINDS } from '../api/types';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import { COLORS, FACILITY_COLORS, FACILITY_RADIUS } from '../map/style';

/** Starts folded on phones, where it would otherwise cover much of the map. */
const onPhone = () => window.matchMedia('(max-width: 720px)').matches;

/** The map's own legend; `folded` where the workspace shows its own (planning, coverage) and the map is for working on. */
export function Legend({ folded = false }: { folded?: boolean }) {
  const { t } = useT(commonText);
  const [open, setOpen] = useState(() => !folded && !onPhone());
  return (
    <section className="legend map-overlay" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="legend-heading">
        <button type="button" aria-expanded={open} aria-controls="legend-body" onClick={() => setOpen(!open)}>
          {t('legend.title')}
          <span className="chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
        </button>
      </h2>
      <div id="legend-body" hidden={!open}>
        <h3>{t('legend.facilities')}</h3>
        <ul>
          {FACILITY_KINDS.map((kind) => (
            <li key={kind} data-kind={kind}>
              <span className="swatch-cell" aria-hidden="true">
                <span
                  className="swatch-dot"
                  style={{ background: FACILITY_COLORS[kind], width: FACILITY_RADIUS[kind] * 2, height: FACILITY_RADIUS[kind] * 2 }}
                />
              </span>
              {t(`kind.${kind}`)}
            </li>
          ))}
        </ul>
        <h3>{t('legend.boundaries')}</h3>
        <ul>
          <li>
            <span className="swatch-line" aria-hidden="true" style={{ borderTopColor: COLORS.districtLine, borderTopWidth: 3 }} />
            {t('legend.district')}
          </li>
          <li>
            <span className="swatch-line" aria-hidden="true" style={{ borderTopColor: COLORS.streetLine, borderTopWidth: 2 }} />
            {t('legend.street')}
          </li>
          <li>
            <span className="swatch-line" aria-hidden="true" style={{ borderTopColor: COLORS.communityLine, borderTopWidth: 1 }} />
            {t('legend.community')}
          </li>
          <li>
            <span className="swatch-area" aria-hidden="true" style={{ background: COLORS.gridFill, borderColor: COLORS.gridLine }} />
            {t('legend.grid')}
          </li>
          <li>
            <span className="swatch-area" aria-hidden="true" style={{ background: 'transparent', borderColor: COLORS.selection, borderWidth: 2 }} />
            {t('legend.selection')}
          </li>
        </ul>
      </div>
    </section>
  );
}
