import type { GridVersion } from '../../../api/gridEditTypes';
import { restoreGrid } from '../../../api/restoreGrid';
import { retireGrid } from '../../../api/retireGrid';
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
 * 撤销网格 and 恢复历史版本: changes that cannot simply be undone, so each is asked for in a
 * dialog with the reason kept in the history. A retired grid's area becomes a gap.
 */
export function useRetireMode(ctx: EditContext) {
  const { state, text, dispatch } = ctx;
  const { t } = text;

  const askRetire = (grid: GridFeature) => dispatch({ type: 'confirm', confirm: { kind: 'retire', grid } });
  const askRestore = (grid: GridFeature, version: GridVersion) => dispatch({ type: 'confirm', confirm: { kind: 'restore', grid, version } });
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
        key: asked.kind === 'restore' ? `restore-${asked.version.version}` : 'retire',
        props: { ...dialogFor(asked, text), busy: state.busy, error: state.confirmError, onConfirm: confirm, onClose: close },
      }
    : null;
  return { askRetire, askRestore, dialog };
}
