import { useEffect, useMemo } from 'react';
import type { Polygonal } from '../../api/gridEditTypes';
import type { GridFeature } from '../../api/types';
import { useT } from '../../i18n/useT';
import { ImpactView } from './ImpactView';
import { bracketed, joinList } from '../../i18n/join';
import { confirmFailure, violationsLine } from './saveErrors';
import { useRevertPreview } from './queries';
import { plannerText } from './strings';

interface Props {
  changesetId: number;
  /** Draws the borders the revert would bring back (null clears them). */
  onShow: (geometry: Polygonal | null, fit: boolean) => void;
}

/** Every grid's border after the revert, as one outline to draw. */
function outlineOf(features: GridFeature[]): Polygonal | null {
  const polygons = features.flatMap((f) => f.geometry.coordinates);
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

/** What undoing a whole save would do, worked out (and rolled back) by the server before the planner confirms. */
export function RevertPreview({ changesetId, onShow }: Props) {
  const { t, lang } = useT(plannerText);
  const { data: preview, error, isPending } = useRevertPreview(changesetId);
  // One outline per answer: drawing it fits the map, and a new object on every render would fit
  // it again after each move the fit itself causes.
  const outline = useMemo(() => (preview?.valid ? outlineOf(preview.features) : null), [preview]);
  useEffect(() => {
    onShow(outline, true);
    return () => onShow(null, false);
  }, [outline, onShow]);

  if (isPending) {
    return (
      <p className="muted" role="status" aria-busy="true">
        {t('revertPreviewLoading')}
      </p>
    );
  }
  if (error) {
    return (
      <p className="planner-error" role="alert">
        {t('revertBlocked', { message: confirmFailure(error) })}
      </p>
    );
  }
  if (!preview.valid) {
    return (
      <p className="planner-error" role="alert">
        {t('revertBlocked', { message: violationsLine(preview.violations) })}
      </p>
    );
  }
  const names = (grids: { name: string; code: string }[]) => joinList(lang, grids.map((g) => bracketed(lang, g.name, g.code.slice(-3))));
  return (
    <div className="planner-revert-preview" data-testid="revert-preview">
      <h3>{t('revertPreviewTitle')}</h3>
      {preview.features.length > 0 && <p>{t('revertRestores', { grids: names(preview.features.map((f) => f.properties)) })}</p>}
      {preview.retired.length > 0 && <p>{t('revertRetires', { grids: names(preview.retired) })}</p>}
      <ImpactView impact={preview.impact} />
    </div>
  );
}
