import type { Changeset, GridVersion } from '../../../api/gridEditTypes';
import { restoreGrid } from '../../../api/restoreGrid';
import { retireGrid } from '../../../api/retireGrid';
import { revertChangeset } from '../../../api/revertChangeset';
import type { GridFeature } from '../../../api/types';
import type { ConfirmDialogProps } from '../ConfirmDialog';
import { gridId, type EditContext } from '../editContext';
import type { Confirm } from '../plannerState';
import { confirmFailure } from '../saveErrors';

type DialogProps = Omit<ConfirmDialogProps, 'onConfirm' | 'onClose' | 'busy' | 'error'>;

function dialogFor(confirm: Confirm, { t, date }: EditContext['text']): DialogProps {
  const { name, code } = confirm.grid.properties;
  if (confirm.kind === 'retire') {
    return { title: t('confirmRetireTitle'), text: t('confirmRetireText', { name, code }), confirmLabel: t('confirmRetire'), danger: true, initialNote: '' };
  }
  if (confirm.kind === 'revert') {
    const { changeset } = confirm;
    return {
      title: t('confirmRevertTitle'),
      text: t('confirmRevertText', { when: date(changeset.at), who: changeset.author ?? t('none'), count: changeset.grids.length }),
      confirmLabel: t('confirmRevert'),
      danger: true,
      initialNote: t('revertNoteDefault', { note: changeset.note ?? '' }),
    };
  }
  const version = confirm.version.version;
  return {
    title: t('confirmRestoreTitle'),
    text: t('confirmRestoreText', { name, version, when: date(confirm.version.changedAt) }),
    confirmLabel: t('confirmRestore'),
    initialNote: t('restoreNoteDefault', { version }),
    option: { label: t('adjustNeighbours'), hint: t('adjustNeighboursHint'), initial: true },
  };
}

/**
 * 撤销网格, 恢复历史版本 and 整体撤销一次保存: changes that cannot simply be undone, so each is
 * asked for in a dialog with the reason kept in the history. A retired grid's area becomes a gap.
 */
export function useRetireMode(ctx: EditContext) {
  const { state, text, dispatch } = ctx;
  const { t } = text;

  const askRetire = (grid: GridFeature) => dispatch({ type: 'confirm', confirm: { kind: 'retire', grid } });
  const askRestore = (grid: GridFeature, version: GridVersion) => dispatch({ type: 'confirm', confirm: { kind: 'restore', grid, version } });
  const askRevert = (grid: GridFeature, changeset: Changeset) => dispatch({ type: 'confirm', confirm: { kind: 'revert', grid, changeset } });
  const close = () => dispatch({ type: 'confirm', confirm: null });

  const confirm = (note: string, adjustNeighbours: boolean) => {
    const asked = state.confirm;
    if (!asked) return;
    const grid = asked.grid;
    const id = gridId(grid);
    const { name, code, version } = grid.properties;
    const onError = (err: unknown) => dispatch({ type: 'confirmFailed', error: confirmFailure(err) });
    const start = { type: 'confirming' } as const;
    if (asked.kind === 'retire') {
      ctx.send(() => retireGrid(id, version, note), (r) => ({ selectId: null, message: t('retired', { name, code }), impact: r.impact }), onError, start);
      return;
    }
    if (asked.kind === 'revert') {
      const count = asked.changeset.grids.length;
      // The grid stays selected unless the revert retired it (it was created by the save undone).
      const kept = (r: { retired: { id: number }[] }) => (r.retired.some((g) => g.id === id) ? null : id);
      ctx.send(() => revertChangeset(asked.changeset.id, note), (r) => ({ selectId: kept(r), message: t('reverted', { count }), impact: r.impact }), onError, start);
      return;
    }
    const from = asked.version.version;
    ctx.send(
      () => restoreGrid(id, from, version, note, { adjustNeighbours }),
      (r) => ({ selectId: id, message: t('restored', { name: r.feature.properties.name, code: r.feature.properties.code, from, version: r.feature.properties.version }), impact: r.impact }),
      onError,
      start,
    );
  };

  const asked = state.confirm;
  const dialog = asked
    ? {
        key: asked.kind === 'restore' ? `restore-${asked.version.version}` : asked.kind === 'revert' ? `revert-${asked.changeset.id}` : 'retire',
        props: { ...dialogFor(asked, text), busy: state.busy, error: state.confirmError, onConfirm: confirm, onClose: close },
      }
    : null;
  return { askRetire, askRestore, askRevert, dialog };
}
