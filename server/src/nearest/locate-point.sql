-- The grid, community, street and district containing a point, with the grid's leader and its
-- Party organisation. $1 float8 lng; $2 float8 lat (WGS84).
-- Output: located json (null fields when the point is outside every grid; no row then).
with p as (select ST_SetSRID(ST_MakePoint($1, $2), 4326) as geom),
g as (
  select g.* from grid g, p
  where g.valid_to is null and g.geom && p.geom and ST_Intersects(g.geom, p.geom)
  order by g.id limit 1
)
select json_build_object(
  'grid', json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'leaderName', g.leader_name,
                            'leaderPhone', g.leader_phone, 'households', g.households, 'population', g.population),
  'branch', (select json_build_object('id', o.id, 'name', o.name, 'kind', o.kind)
             from party_org o where o.grid_id = g.id order by o.kind = 'branch' desc, o.id limit 1),
  'community', (select json_build_object('code', code, 'name', name) from region where code = g.community_code),
  'street', (select json_build_object('code', s.code, 'name', s.name) from region c join region s on s.code = c.parent_code
             where c.code = g.community_code),
  'district', (select json_build_object('code', d.code, 'name', d.name) from region c join region s on s.code = c.parent_code
               join region d on d.code = s.parent_code where c.code = g.community_code)
) as located
from g;
