-- Trims a valid shape to its community's free space (inside the community, outside every other
-- current grid). $1 text: GeoJSON; $2 text: community code; $3 integer[]: grids the change
-- replaces; $4 float8: coordinate precision (degrees, grid-rules.ts).
-- Output: geometry text (GeoJSON MultiPolygon, or null when nothing is left).
with g as (select ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) as geom),
taken as (
  select ST_Union(o.geom) as geom from grid o, g
  where o.community_code = $2 and o.valid_to is null and not (o.id = any ($3::integer[])) and o.geom && g.geom
),
free as (
  select ST_ReducePrecision(ST_CollectionExtract(
           ST_Difference(ST_Intersection(g.geom, c.geom), coalesce(taken.geom, 'SRID=4326;POLYGON EMPTY'::geometry)), 3), $4::float8) as geom
  from g, taken, region c
  where c.code = $2 and c.level = 'community'
)
select case when ST_IsEmpty(geom) or ST_Area(geom::geography) < 1 then null
            else ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(geom)), 7) end as geometry
from free;
