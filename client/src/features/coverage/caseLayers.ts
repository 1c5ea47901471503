import type { FeatureCollection, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { CasePointProperties, CaseStatus } from '../../api/getCaseStats';
import { LAYER } from '../../map/style';
import { layerBefore, removeOverlayParts, type MapOverlay } from '../../map/overlays/MapOverlay';

// The cases of the 民情 tab on the shared map (staff only): one circle per case, coloured by
// status, a dark ring when overdue. All ids start with `cases-`; destroy() takes them away.

const SOURCE = 'cases-points';
const LAYERS = { circles: 'cases-points-circle' } as const;

/** Status colours: open work warm (pending the strongest), ended work cool or grey. No Party red. */
export const CASE_STATUS_COLORS: Record<CaseStatus, string> = {
  pending: '#f28e2b',
  accepted: '#edc948',
  in_progress: '#59a14f',
  closed: '#4e79a7',
  rated: '#76b7b2',
  rejected: '#9c9c9c',
  merged: '#bab0ac',
};

export const OVERDUE_RING = '#3d1f00';

export type CasePointCollection = FeatureCollection<Point, CasePointProperties>;

export class CaseLayers implements MapOverlay {
  private popup: maplibregl.Popup | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly describe: (p: CasePointProperties) => HTMLElement,
  ) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const colour: unknown[] = ['match', ['get', 'status']];
    for (const [status, c] of Object.entries(CASE_STATUS_COLORS)) colour.push(status, c);
    colour.push('#666666');
    map.addLayer(
      {
        id: LAYERS.circles,
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-color': colour as never,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6, 18, 9],
          'circle-stroke-color': ['case', ['get', 'overdue'], OVERDUE_RING, '#ffffff'] as never,
          'circle-stroke-width': ['case', ['get', 'overdue'], 2, 1] as never,
        },
      },
      layerBefore(map, LAYER.gridsLabel),
    );
    map.on('click', LAYERS.circles, this.onClick);
    map.on('mouseenter', LAYERS.circles, this.showPointer);
    map.on('mouseleave', LAYERS.circles, this.hidePointer);
  }

  setCases(cases: CasePointCollection | null, visible: boolean): void {
    this.map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData(cases ?? { type: 'FeatureCollection', features: [] });
    this.map.setLayoutProperty(LAYERS.circles, 'visibility', visible ? 'visible' : 'none');
    if (!visible) this.closePopup();
  }

  destroy(): void {
    const map = this.map;
    map.off('click', LAYERS.circles, this.onClick);
    map.off('mouseenter', LAYERS.circles, this.showPointer);
    map.off('mouseleave', LAYERS.circles, this.hidePointer);
    this.closePopup();
    removeOverlayParts(map, { layers: Object.values(LAYERS), sources: [SOURCE] });
  }

  private closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }

  private readonly onClick = (e: maplibregl.MapLayerMouseEvent): void => {
    const f = e.features?.[0];
    if (!f || f.geometry.type !== 'Point') return;
    this.closePopup();
    // Feature properties come back from the map's worker; a boolean may arrive as text.
    const props = f.properties as Omit<CasePointProperties, 'overdue'> & { overdue: unknown };
    const p: CasePointProperties = { ...props, overdue: props.overdue === true || props.overdue === 'true' };
    this.popup = new maplibregl.Popup({ className: 'coverage-popup', maxWidth: '240px', offset: 8 })
      .setLngLat(f.geometry.coordinates as [number, number])
      .setDOMContent(this.describe(p))
      .addTo(this.map);
  };

  private readonly showPointer = (): void => {
    this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly hidePointer = (): void => {
    this.map.getCanvas().style.cursor = '';
  };
}
