-- Every version of a grid, newest first, with who, when and why, and where it came from.
-- $1 integer grid id. Output: history text (JSON {id, code, communityCode, retired, versions, lineage}).
select json_build_object(
  'id', g.id, 'code', g.code, 'communityCode', g.community_code, 'retired', g.valid_to is not null,
  'currentVersion', g.version,
  'versions', (
    select json_agg(json_build_object(
      'version', v.version, 'changeKind', v.change_kind, 'changesetId', v.changeset_id, 'note', v.note, 'changedBy', v.changed_by,
      'changedAt', v.changed_at, 'name', v.name, 'households', v.households, 'population', v.population,
      'leaderName', v.leader_name, 'leaderPhone', v.leader_phone,
      'areaSqm', round(ST_Area(v.geom::geography)::numeric),
      'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(v.geom), 7)::json) order by v.version desc)
    from grid_version v where v.grid_id = g.id),
  'lineage', (
    select coalesce(json_agg(json_build_object('parentId', l.parent_id, 'childId', l.child_id, 'kind', l.kind, 'at', l.at)), '[]'::json)
    from grid_lineage l where l.parent_id = g.id or l.child_id = g.id)
)::text as history
from grid g where g.id = $1;
