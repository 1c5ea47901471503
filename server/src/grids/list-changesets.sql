-- The changesets that wrote a version of one grid, newest first, each with every grid it touched.
-- $1 integer grid id. Output: code (the grid's; null when there is no such grid), changesets text
-- (JSON [{id, kind, note, author, at, reverts, revertedBy, grids: [{id, code, name, versionBefore, versionAfter}]}]).
with mine as (
  select distinct changeset_id as id from grid_version where grid_id = $1 and changeset_id is not null
),
touched as (
  select v.changeset_id, v.grid_id, min(v.version) as first, max(v.version) as last
  from grid_version v join mine on mine.id = v.changeset_id
  group by v.changeset_id, v.grid_id
)
select
  (select code from grid where id = $1) as code,
  (select coalesce(json_agg(json_build_object(
            'id', c.id, 'kind', c.kind, 'note', c.note, 'author', c.author, 'at', c.at, 'reverts', c.reverts,
            'revertedBy', (select max(r.id) from changeset r where r.reverts = c.id),
            'grids', (select json_agg(json_build_object(
                               'id', t.grid_id, 'code', g.code, 'name', g.name,
                               'versionBefore', (select max(p.version) from grid_version p where p.grid_id = t.grid_id and p.version < t.first),
                               'versionAfter', t.last) order by g.code)
                      from touched t join grid g on g.id = t.grid_id
                      where t.changeset_id = c.id)) order by c.id desc), '[]'::json)
   from changeset c join mine on mine.id = c.id)::text as changesets;
