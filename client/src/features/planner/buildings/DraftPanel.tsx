import { useEffect, useId, useState, type FormEvent } from 'react';
import { acceptDraftDivision, proposeDraftDivision, type DraftDivision } from '../../../api/buildingMoves';
import { isApiError } from '../../../api/http';
import { useT } from '../../../i18n/useT';
import { NoteField, noteIsShort } from '../NoteField';
import { confirmFailure } from '../saveErrors';
import { GRID_HUES } from './BuildingsLayer';
import { buildingsText, rangeWord } from './strings';
import { gridVersions, type ToolContext } from './toolContext';

/** 初稿 (or 重新划分): a proposed division into k grids shown as a draft on the map; saved only when accepted. */
export function DraftPanel({ tool }: { tool: ToolContext }) {
  const text = useT(buildingsText);
  const { t, num } = text;
  const { communityCode, grids, layer } = tool;
  const redraw = grids.length > 0;
  const kId = useId();
  const [k, setK] = useState('');
  const [draft, setDraft] = useState<DraftDivision | null>(null);
  const [computing, setComputing] = useState(false);
  const [note, setNote] = useState(t('draftNote'));
  const [confirmed, setConfirmed] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!draft) {
      layer?.setDraft(null);
      return;
    }
    const features = draft.features.features.map((f, i) => ({
      ...f,
      properties: {
        ...f.properties,
        hue: GRID_HUES[i % GRID_HUES.length]!,
        label: `${f.properties.name}\n${t('draftRange', { households: num(f.properties.households), range: rangeWord(f.properties.range, text) })}`,
      },
    }));
    layer?.setDraft({ type: 'FeatureCollection', features });
  }, [layer, draft, t, num, text]);
  useEffect(() => () => layer?.setDraft(null), [layer]);

  const compute = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = k.trim() === '' ? undefined : Number(k);
    setComputing(true);
    setError(null);
    setDraft(null);
    try {
      setDraft(await proposeDraftDivision(communityCode, wanted === undefined ? {} : { k: wanted }));
    } catch (err) {
      setError(isApiError(err) && err.code === 'NO_BUILDINGS' ? t('draftNoBuildings') : confirmFailure(err));
    } finally {
      setComputing(false);
    }
  };

  const noteOk = !noteIsShort(note);
  const ready = draft !== null && !busy && (!redraw || confirmed);
  const accept = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!draft || !ready || !noteOk) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await acceptDraftDivision(communityCode, {
        grids: draft.grids.map((g) => ({ name: g.name, buildingIds: g.buildingIds })),
        gridVersions: redraw ? gridVersions(grids) : {},
        note: note.trim(),
      });
      tool.onSaved(saved.features, t('draftSaved', { count: num(saved.features.length) }));
    } catch (err) {
      setError(confirmFailure(err));
      setBusy(false);
    }
  };

  return (
    <section className="planner-section buildings-panel buildings-draft" aria-label={t('draftTitle')}>
      <h2>{t('draftTitle')}</h2>
      <p className="planner-hint">{t('draftHelp')}</p>
      {redraw && (
        <p className="buildings-warning" role="alert">
          {t('redrawWarning', { count: num(grids.length) })}
        </p>
      )}
      <form className="buildings-row" onSubmit={(e) => void compute(e)} noValidate>
        <div className="planner-field">
          <label htmlFor={kId}>{t('draftK')}</label>
          <input id={kId} type="number" min={1} step={1} inputMode="numeric" value={k} placeholder={t('draftKHint')} onChange={(e) => setK(e.target.value)} disabled={computing || busy} />
        </div>
        <button type="submit" className="planner-button" disabled={computing || busy} aria-busy={computing}>
          {t('draftCompute')}
        </button>
      </form>
      {computing && (
        <p className="buildings-progress" role="status" aria-busy="true">
          <span className="buildings-spinner" aria-hidden="true" />
          {t('draftComputing')}
        </p>
      )}
      {draft && (
        <form onSubmit={(e) => void accept(e)} noValidate>
          <p>{t('draftSummary', { k: num(draft.k) })}</p>
          <ul className="buildings-draft-grids">
            {draft.grids.map((g, i) => (
              <li key={g.code} data-households={g.households}>
                <span className="buildings-swatch" style={{ background: GRID_HUES[i % GRID_HUES.length] }} aria-hidden="true" />
                <span className="buildings-draft-grid">
                  <span>
                    {g.name} <span className="planner-code">{g.code}</span>
                  </span>
                  <span className="buildings-draft-figures">
                    {' '}
                    {t('draftRange', { households: num(g.households), range: rangeWord(g.range, text) })} · {t('draftBuildings', { n: num(g.buildings) })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {draft.replaces.length > 0 && <p className="planner-hint">{t('draftReplaces', { names: draft.replaces.map((g) => g.name).join('、') })}</p>}
          {redraw && (
            <label className="buildings-confirm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('draftConfirm')}
            </label>
          )}
          <NoteField value={note} onChange={setNote} invalid={touched && !noteOk} explain />
          <div className="buildings-row">
            <button type="submit" className={redraw ? 'planner-button planner-button-danger' : 'planner-button planner-button-primary'} disabled={!ready} aria-busy={busy}>
              {busy ? t('saving') : redraw ? t('draftAcceptRedraw') : t('draftAccept')}
            </button>
            <button type="button" className="planner-button" onClick={() => setDraft(null)} disabled={busy}>
              {t('draftDiscard')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="planner-field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="planner-button" onClick={tool.onClose} disabled={busy}>
        {t('close')}
      </button>
    </section>
  );
}
