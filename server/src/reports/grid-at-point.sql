-- The current grid holding a point (on a shared border the lowest id, as for members), held
-- against a concurrent grid edit until the report's transaction ends. $1 float8 lng; $2 float8 lat
-- (WGS84). Output: id, code, community_code; no row outside every grid.
select g.id, g.code, g.community_code
from grid g
where g.valid_to is null
  and g.geom && ST_SetSRID(ST_MakePoint($1, $2), 4326)
  and ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
order by g.id
limit 1
for share;
