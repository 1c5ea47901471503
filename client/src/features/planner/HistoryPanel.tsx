import { useEffect, useState } from 'react';
import type { Changeset, GridHistory, GridVersion, Polygonal } from '../../api/gridEditTypes';
import { joinList } from '../../i18n/join';
import { useT } from '../../i18n/useT';
import { useChangesets, useGridHistory } from './queries';
import { isPlannerKey, plannerText } from './strings';

interface Props {
  gridId: number;
  name: string;
  onShowOutline: (geometry: Polygonal | null) => void;
  onRestore: (version: GridVersion) => void;
  /** Undo the whole save that wrote a version (every grid it changed). */
  onRevert: (changeset: Changeset) => void;
  onClose: () => void;
}

/** At first the version before the current one is drawn against it. */
function firstShown(history: GridHistory): number | null {
  return history.versions.find((v) => v.version !== history.currentVersion && v.geometry)?.version ?? null;
}

/** Every version of the grid with who, when and why; an old outline drawn against the current one; restore. */
export function HistoryPanel({ gridId, name, onShowOutline, onRestore, onRevert, onClose }: Props) {
  const { t, num, date } = useT(plannerText);
  // Reloaded after every save (the history is under the grids' key); the choice holds for one answer.
  const { data: history, error, isPending } = useGridHistory(gridId);
  const changesets = useChangesets(gridId).data;
  const [choice, setChoice] = useState<{ of: GridHistory; version: number | null } | null>(null);
  const shown = history ? (choice?.of === history ? choice.version : firstShown(history)) : null;
  const setShown = (version: number | null) => {
    if (history) setChoice({ of: history, version });
  };

  const versions = history?.versions ?? [];
  const kindText = (kind: string) => {
    const key = `kind.${kind}`;
    return isPlannerKey(key) ? t(key) : kind;
  };
  const shownGeometry = versions.find((v) => v.version === shown)?.geometry ?? null;
  useEffect(() => {
    onShowOutline(shownGeometry);
  }, [shownGeometry, onShowOutline]);
  useEffect(() => () => onShowOutline(null), [onShowOutline]);

  return (
    <section className="planner-section planner-history" aria-labelledby="planner-history-heading">
      <div className="planner-section-header">
        <h2 id="planner-history-heading">{t('historyTitle', { name })}</h2>
        <button type="button" className="icon-button" aria-label={t('historyClose')} title={t('historyClose')} onClick={onClose}>
          ×
        </button>
      </div>
      {isPending && (
        <p className="muted" role="status">
          {t('historyLoading')}
        </p>
      )}
      {error && (
        <p className="planner-error" role="alert">
          {t('historyError', { message: error.message })}
        </p>
      )}
      {history && (
        <>
          <p className="planner-hint">{t('historyLegend')}</p>
          <ol className="planner-versions">
            {versions.map((v) => {
              const current = v.version === history.currentVersion;
              return (
                <li key={v.version} data-version={v.version} data-current={current ? 'true' : undefined}>
                  <div className="planner-version-head">
                    <strong>{t('historyVersion', { version: v.version })}</strong>
                    <span className="planner-badge">{kindText(v.changeKind)}</span>
                    {current && <span className="planner-badge planner-badge-current">{t('historyCurrent')}</span>}
                  </div>
                  <p className="planner-version-meta">{t('historyBy', { who: v.changedBy ?? t('none'), when: date(v.changedAt) })}</p>
                  {v.note && <p className="planner-version-note">{t('historyWhy', { note: v.note })}</p>}
                  <SaveOfVersion gridId={gridId} version={v.version} changeset={changesets?.find((c) => c.id === v.changesetId)} onRevert={onRevert} />
                  <p className="planner-version-meta">
                    {v.name}
                    {v.households !== null ? ` · ${t('historyHouseholds', { n: num(v.households) })}` : ''}
                    {v.areaSqm !== null ? ` · ${t('historyArea', { area: num(v.areaSqm / 10_000, 2) })}` : ''}
                  </p>
                  {!current && v.geometry && (
                    <div className="planner-version-actions">
                      <button
                        type="button"
                        className="planner-button planner-button-small"
                        aria-pressed={shown === v.version}
                        onClick={() => setShown(shown === v.version ? null : v.version)}
                      >
                        {shown === v.version ? t('historyShown') : t('historyShow')}
                      </button>
                      {!history.retired && (
                        <button
                          type="button"
                          className="planner-button planner-button-small"
                          onClick={() => {
                            setShown(v.version);
                            onRestore(v);
                          }}
                        >
                          {t('historyRestore')}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

/**
 * The save that wrote a version, when it changed other grids too: which, and (on the grid's last
 * version in that save) a button to undo the whole save.
 */
function SaveOfVersion({ gridId, version, changeset, onRevert }: { gridId: number; version: number; changeset: Changeset | undefined; onRevert: (changeset: Changeset) => void }) {
  const { t, lang } = useT(plannerText);
  if (!changeset || changeset.grids.length < 2) return null;
  const others = changeset.grids.filter((g) => g.id !== gridId);
  const last = changeset.grids.find((g) => g.id === gridId)?.versionAfter === version;
  return (
    <div className="planner-version-save" data-changeset={changeset.id}>
      <p className="planner-version-meta">{t('historySave', { id: changeset.id, count: changeset.grids.length, grids: joinList(lang, others.map((g) => g.name)) })}</p>
      {last && changeset.revertedBy !== null && <span className="planner-badge">{t('historyReverted')}</span>}
      {last && changeset.revertedBy === null && (
        <button type="button" className="planner-button planner-button-small" onClick={() => onRevert(changeset)}>
          {t('historyRevert')}
        </button>
      )}
    </div>
  );
}
