import type { ImportAction, ImportChange, ImportKind } from '../../api/importTypes';
import { useT } from '../../i18n/useT';
import { dataText, type DataT } from './strings';

/** A changed value as a person reads it; a boundary is its area. */
function valueText(change: ImportChange, value: ImportChange['before'], t: DataT): string {
  if (value === null || value === '') return t('changeEmpty');
  if (change.field === 'geometry' && typeof value === 'number') return t('changeArea', { area: value.toLocaleString('zh-CN') });
  return typeof value === 'number' ? value.toLocaleString('zh-CN') : value;
}

/** "字段：旧 → 新", one line per changed field; for members the fields alone, never their values. */
export function changeText(change: ImportChange, kind: ImportKind, t: DataT): string {
  const field = change.field === 'geometry' ? t('changeGeometry') : change.field;
  if (kind === 'members') return t('changeHidden', { field });
  return t('change', { field, before: valueText(change, change.before, t), after: valueText(change, change.after, t) });
}

export function ImportChanges({ action, kind }: { action: ImportAction; kind: ImportKind }) {
  const { t } = useT(dataText);
  if (!action.changes || action.changes.length === 0) return null;
  return (
    <ul className="import-changes">
      {action.changes.map((change) => (
        <li key={change.field} data-field={change.field}>
          {changeText(change, kind, t)}
        </li>
      ))}
    </ul>
  );
}
