import type { RegionFeature } from '../../api/types';
import { gridId } from './editContext';
import type { Workspace } from './usePlannerWorkspace';

/** The community's grids: choosing one selects it and brings it into view. */
export function GridList({ workspace, community }: { workspace: Workspace; community: RegionFeature }) {
  const { ctx, grids, locked } = workspace;
  const { t } = ctx.text;
  const selectedId = ctx.state.selectedId;
  return (
    <section className="planner-section planner-grid-list" aria-labelledby="planner-grid-list-heading">
      <h2 id="planner-grid-list-heading">{t('gridsOf', { community: community.properties.name, count: grids.grids.length })}</h2>
      {grids.status === 'loading' && (
        <p className="muted" role="status">
          {t('gridsLoading')}
        </p>
      )}
      {grids.status === 'error' && (
        <p className="planner-error" role="alert">
          {t('gridsError', { message: grids.error?.message ?? '' })}{' '}
          <button type="button" className="link-button" onClick={grids.retry}>
            {t('retry')}
          </button>
        </p>
      )}
      {grids.status === 'ready' && grids.grids.length === 0 && <p className="muted">{t('noGrids')}</p>}
      <ul aria-label={t('gridListLabel')}>
        {grids.grids.map((g) => (
          <li key={gridId(g)}>
            <button
              type="button"
              className="planner-grid-item"
              aria-pressed={gridId(g) === selectedId}
              disabled={locked && gridId(g) !== selectedId}
              onClick={() => {
                ctx.dispatch({ type: 'select', grid: g });
                ctx.planner?.layers.fitTo([g.geometry], { maxZoom: 17, padding: 80 });
              }}
            >
              <span className="planner-grid-name">{g.properties.name}</span>
              <span className="planner-code">{g.properties.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
