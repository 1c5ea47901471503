import * as maplibregl from 'maplibre-gl';
import type { MapOverlay } from './MapOverlay';

// "在这里查找" on the finder's map: a right-click, or a finger held still for half a second,
// offers one action at that point, even over a station's dot (where a tap opens the station).
// Chrome on Android also sends `contextmenu` for a long press; iOS Safari does not, hence the
// timer. Whichever comes first opens the menu; the other is then ignored.

/** How long a finger must stay down to count as a long press. */
export const LONG_PRESS_MS = 500;
/** How far the finger may drift during it (more is a pan). */
const LONG_PRESS_SLOP_PX = 10;
/** After a long press, the click and `contextmenu` the browser may still send belong to it. */
const AFTER_PRESS_MS = 800;

export interface PlaceMenuOptions {
  /** The one action's label, in the UI language. */
  label: string;
  onChoose: (lngLat: { lng: number; lat: number }) => void;
}

export class PlaceMenu implements MapOverlay {
  private readonly map: maplibregl.Map;
  private options: PlaceMenuOptions;
  private popup: maplibregl.Popup | null = null;
  private pressTimer: ReturnType<typeof setTimeout> | null = null;
  private pressStart: maplibregl.Point | null = null;
  private pressedAt = 0;

  constructor(map: maplibregl.Map, options: PlaceMenuOptions) {
    this.map = map;
    this.options = options;
    map.on('contextmenu', this.handleContextMenu);
    map.on('touchstart', this.handleTouchStart);
    map.on('touchmove', this.handleTouchMove);
    map.on('touchend', this.cancelPress);
    map.on('touchcancel', this.cancelPress);
    map.on('movestart', this.cancelPress);
    map.on('click', this.handleClick);
  }

  /** A new label (the language changed) or action. */
  update(options: PlaceMenuOptions): void {
    this.options = options;
  }

  /** True just after a long press: the click that may follow it is not a tap. */
  justPressed(): boolean {
    return Date.now() - this.pressedAt < AFTER_PRESS_MS;
  }

  destroy(): void {
    this.cancelPress();
    this.close();
    this.map.off('contextmenu', this.handleContextMenu);
    this.map.off('touchstart', this.handleTouchStart);
    this.map.off('touchmove', this.handleTouchMove);
    this.map.off('touchend', this.cancelPress);
    this.map.off('touchcancel', this.cancelPress);
    this.map.off('movestart', this.cancelPress);
    this.map.off('click', this.handleClick);
  }

  private open(lngLat: maplibregl.LngLat): void {
    this.close();
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'place-menu-action';
    button.textContent = this.options.label;
    const at = { lng: lngLat.lng, lat: lngLat.lat };
    button.addEventListener('click', () => {
      this.close();
      this.options.onChoose(at);
    });
    this.popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'place-menu', offset: 8 })
      .setLngLat(lngLat)
      .setDOMContent(button)
      .addTo(this.map);
    button.focus();
  }

  private close(): void {
    this.popup?.remove();
    this.popup = null;
  }

  private readonly handleContextMenu = (event: maplibregl.MapMouseEvent): void => {
    event.preventDefault();
    event.originalEvent.preventDefault();
    if (this.justPressed()) return;
    this.cancelPress();
    this.open(event.lngLat);
  };

  /** Any other tap on the map closes the menu; the click a long press may end with does not. */
  private readonly handleClick = (): void => {
    if (!this.justPressed()) this.close();
  };

  private readonly handleTouchStart = (event: maplibregl.MapTouchEvent): void => {
    this.cancelPress();
    if (event.originalEvent.touches.length !== 1) return;
    this.pressStart = event.point;
    const lngLat = event.lngLat;
    this.pressTimer = setTimeout(() => {
      this.pressTimer = null;
      this.pressedAt = Date.now();
      this.open(lngLat);
    }, LONG_PRESS_MS);
  };

  private readonly handleTouchMove = (event: maplibregl.MapTouchEvent): void => {
    if (!this.pressStart) return;
    if (event.originalEvent.touches.length !== 1 || event.point.dist(this.pressStart) > LONG_PRESS_SLOP_PX) this.cancelPress();
  };

  private readonly cancelPress = (): void => {
    if (this.pressTimer !== null) clearTimeout(this.pressTimer);
    this.pressTimer = null;
    this.pressStart = null;
  };
}
