import { useId, useMemo, useState } from 'react';
import { FACILITY_KINDS, type FacilityFeature } from '../api/types';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import { FACILITY_COLORS } from '../map/style';

/** On phones the list sits below the map; folded it keeps the page short. */
const startsOpen = () => !window.matchMedia('(max-width: 720px)').matches;

/** Centres and stations first (what residents look for), then by name. */
function byKindThenName(a: FacilityFeature, b: FacilityFeature): number {
  const kind = FACILITY_KINDS.indexOf(a.properties.kind) - FACILITY_KINDS.indexOf(b.properties.kind);
  return kind !== 0 ? kind : a.properties.name.localeCompare(b.properties.name, 'zh-CN');
}

interface Props {
  /** The facilities in view nearest its centre (the server's page, see useFacilitiesInView). */
  facilities: FacilityFeature[];
  /** How many are in view in all. */
  total: number;
  selectedId: string | null;
  onChoose: (id: string | number) => void;
}

/** The map's facilities in view, readable as a list and usable without a pointer. */
export function FacilityList({ facilities, total, selectedId, onChoose }: Props) {
  const { t } = useT(commonText);
  const [open, setOpen] = useState(startsOpen);
  const bodyId = useId();
  const shown = useMemo(() => [...facilities].sort(byKindThenName), [facilities]);
  const count = Math.max(total, facilities.length);
  return (
    <section className="facility-list" aria-label={t('list.title', { count })}>
      <div className="facility-list-header">
        <h2>{t('list.title', { count })}</h2>
        <button type="button" className="link-button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? t('list.hide') : t('list.show')}
        </button>
      </div>
      <div id={bodyId} hidden={!open}>
        {facilities.length === 0 ? (
          <p className="muted">{t('list.empty')}</p>
        ) : (
          <ul>
            {shown.map((f) => {
              const id = String(f.properties.id);
              return (
                <li key={id}>
                  <button
                    type="button"
                    className="facility-item"
                    aria-pressed={selectedId === id}
                    aria-label={t('list.locate', { name: f.properties.name })}
                    onClick={() => onChoose(f.properties.id)}
                  >
                    <span className="swatch-dot" aria-hidden="true" style={{ background: FACILITY_COLORS[f.properties.kind] }} />
                    <span className="facility-name">{f.properties.name}</span>
                    <span className="facility-kind">{t(`kind.${f.properties.kind}`)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {count > shown.length && <p className="muted">{t('list.more', { count: count - shown.length })}</p>}
      </div>
    </section>
  );
}
