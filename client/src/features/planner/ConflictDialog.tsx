import { PLANNER_COLORS } from '../../map/overlays/PlannerLayers';
import { Modal } from './Modal';
import { fill, usePlannerStrings } from './strings';

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
  const { s } = usePlannerStrings();
  return (
    <Modal
      title={s.conflictTitle}
      onClose={onClose}
      placement="side"
      className="planner-conflict"
      actions={
        <>
          <button type="button" className="planner-button" onClick={onReload} disabled={busy}>
            {s.reload}
          </button>
          <button type="button" className="planner-button planner-button-primary" onClick={onKeepMine} disabled={busy} aria-busy={busy}>
            {busy ? s.working : s.keepMine}
          </button>
        </>
      }
    >
      {conflict.kind === 'version' ? (
        <>
          <p>{fill(s.conflictText, { mine: conflict.mine, theirs: conflict.theirs, name: conflict.name })}</p>
          {conflict.rows.length > 0 && (
            <table className="planner-table planner-conflict-table">
              <caption>{s.conflictAttributes}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.conflictField}</th>
                  <th scope="col">{s.theirs}</th>
                  <th scope="col">{s.mine}</th>
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
          {!conflict.shapeDiffers && <p className="planner-hint">{s.conflictSameShape}</p>}
          <ul className="planner-legend-list">
            <li>
              <span className="planner-swatch-line" style={{ borderColor: PLANNER_COLORS.theirs }} aria-hidden="true" />
              {s.theirs}
            </li>
            <li>
              <span className="planner-swatch-line planner-swatch-dashed" style={{ borderColor: PLANNER_COLORS.mine }} aria-hidden="true" />
              {s.mine}
            </li>
          </ul>
        </>
      ) : (
        <p>{fill(s.neighbourConflictText, { codes: conflict.codes.join(s.listJoin) })}</p>
      )}
    </Modal>
  );
}
