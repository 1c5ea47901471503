-- Per-grid coverage inside a region (codes nest by prefix), read from grid_coverage, which the
-- writes keep current: members by kind, Party organisations, households, population, members per
-- 100 households, and the distance from the grid's centre to the nearest public Party service
-- centre or station, and the grid's extent (bbox [west, south, east, north], 6 decimals) for a view
-- to zoom to. $1 text: region code. Output: stats text (JSON array).
select coalesce(json_agg(json_build_object(
  'id', g.id, 'code', g.code, 'name', g.name, 'communityCode', g.community_code,
  'members', c.members, 'formal', c.formal, 'probationary', c.probationary,
  'floating', c.floating, 'partyOrgs', c.party_orgs, 'hasBranch', c.has_branch,
  'households', g.households, 'population', g.population,
  'membersPer100Households', case when g.households > 0 then round(100.0 * c.members / g.households, 2) end,
  'nearestStationMeters', c.nearest_station_m,
  'bbox', json_build_array(round(ST_XMin(g.geom)::numeric, 6), round(ST_YMin(g.geom)::numeric, 6),
                           round(ST_XMax(g.geom)::numeric, 6), round(ST_YMax(g.geom)::numeric, 6))
) order by g.code), '[]'::json)::text as stats
from grid g
join grid_coverage c on c.grid_id = g.id
where g.valid_to is null and g.code like $1 || '%';
