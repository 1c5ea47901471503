-- The pieces a line cuts a grid into, largest first. $1 integer grid id; $2 text GeoJSON line;
-- $3 float8 coordinate precision (degrees); $4 float8 sliver area (m², smaller pieces are dropped)
-- (both from grid-rules.ts).
-- Output: geometry text (GeoJSON MultiPolygon), area float8 (m²).
with pieces as (
  select (ST_Dump(ST_Split(g.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))).geom as geom
  from grid g where g.id = $1
)
select ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_ReducePrecision(geom, $3::float8))), 7) as geometry, ST_Area(geom::geography) as area
from pieces
where ST_Area(geom::geography) > $4::float8
order by area desc;
