import { useEffect } from 'react';
import { commonText } from '../i18n/common';
import { useT } from '../i18n/useT';
import type { MapController } from '../map/MapController';

/** Zoom and "whole district" buttons, labelled in the UI language (MapLibre's own are English-only). */
export function ZoomControls({ controller }: { controller: MapController }) {
  const { t } = useT(commonText);

  useEffect(() => {
    controller.setCanvasLabel(t('map.canvasLabel'));
  }, [controller, t]);

  return (
    <div className="zoom-controls map-overlay" role="group" aria-label={t('map.label', { district: t('app.district') })}>
      <button type="button" aria-label={t('map.zoomIn')} title={t('map.zoomIn')} onClick={() => controller.zoomIn()}>
        <span aria-hidden="true">+</span>
      </button>
      <button type="button" aria-label={t('map.zoomOut')} title={t('map.zoomOut')} onClick={() => controller.zoomOut()}>
        <span aria-hidden="true">−</span>
      </button>
      <button type="button" aria-label={t('map.fitDistrict')} title={t('map.fitDistrict')} onClick={() => controller.fitDistrict()}>
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
    </div>
  );
}
