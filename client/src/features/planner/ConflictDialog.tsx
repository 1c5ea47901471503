import { PLANNER_COLORS } from '../../map/overlays/PlannerLayers';
import { useRef } from 'react';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { plannerText } from './strings';

export interface ConflictRow {
  label: string;
  theirs: string;
  mine: string;
}

export type Conflict =
  | { kind: 'version'; name: string; mine: number; theirs: number; rows: ConflictRow[]; shapeDiffers: boolean }
  | { kind: 'neighbour'; codes: string[] };

interface Props {
  conflict: Conflict;
  busy: boolean;
  onReload: () => void;
  onKeepMine: () => void;
  onClose: () => void;
}

/** A save met a newer version (409): their version and mine are drawn on the map beside this. */
export function ConflictDialog({ conflict, busy, onReload, onKeepMine, onClose }: Props) {
  const { t } = useT(plannerText);
  // Focus starts on the explanation, not on a button: both answers drop someone's change.
  const intro = useRef<HTMLParagraphElement>(null);
  return (
    <Modal title={t('conflictTitle')} onClose={onClose} className="planner-dialog planner-dialog-side planner-conflict" initialFocus={intro}>
      {conflict.kind === 'version' ? (
        <>
          <p ref={intro} tabIndex={-1}>{t('conflictText', { mine: conflict.mine, theirs: conflict.theirs, name: conflict.name })}</p>
          {conflict.rows.length > 0 && (
            <table className="planner-table planner-conflict-table">
              <caption>{t('conflictAttributes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('conflictField')}</th>
                  <th scope="col">{t('theirs')}</th>
                  <th scope="col">{t('mine')}</th>
                </tr>
              </thead>
              <tbody>
                {conflict.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td>{row.theirs}</td>
                    <td>{row.mine}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!conflict.shapeDiffers && <p className="planner-hint">{t('conflictSameShape')}</p>}
          <ul className="planner-legend-list">
            <li>
              <span className="planner-swatch-line" style={{ borderColor: PLANNER_COLORS.theirs }} aria-hidden="true" />
              {t('theirs')}
            </li>
            <li>
              <span className="planner-swatch-line planner-swatch-dashed" style={{ borderColor: PLANNER_COLORS.mine }} aria-hidden="true" />
              {t('mine')}
            </li>
          </ul>
        </>
      ) : (
        <p ref={intro} tabIndex={-1}>{t('neighbourConflictText', { codes: conflict.codes.join(t('listJoin')) })}</p>
      )}
      <div className="modal-actions">
        <button type="button" className="planner-button" onClick={onReload} disabled={busy}>
          {t('reload')}
        </button>
        <button type="button" className="planner-button planner-button-primary" onClick={onKeepMine} disabled={busy} aria-busy={busy}>
          {busy ? t('working') : t('keepMine')}
        </button>
      </div>
    </Modal>
  );
}
