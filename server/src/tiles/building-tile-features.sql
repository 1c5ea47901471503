-- The buildings of a staff vector tile in the tile's own integer coordinates (extent 4096, y
-- down), as GeoJSON, for encoding in Node where PostGIS cannot (the embedded build has no
-- ST_AsMVT). Read straight from the building table, as building-tile-mvt.sql does; each shape is
-- cut to the tile with its buffer, moved onto the tile grid and made valid there by GEOS
-- (ST_ReducePrecision); a shape with nothing left is dropped. Ring orientation is left to the encoder.
-- $1 integer z; $2 integer x; $3 integer y; $4 text: scope code (community codes start with it).
-- Output: one row per building: id, gridId (null: in no grid), households, name, geometry (GeoJSON text).
with t as (
  select area, ST_Transform(area, 4326) as area4326, ST_XMin(env) as x0, ST_YMax(env) as y0,
         4096 / (ST_XMax(env) - ST_XMin(env)) as scale
  from (select ST_TileEnvelope($1, $2, $3) as env, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) as area) e
),
on_grid as (
  select b.id, b.grid_id, b.households, b.name,
         ST_CollectionExtract(ST_ReducePrecision(
           ST_Affine(ST_Intersection(ST_Transform(b.geom, 3857), t.area),
                     t.scale, 0, 0, -t.scale, -t.x0 * t.scale, t.y0 * t.scale), 1), 3) as geom
  from building b, t
  where b.geom && t.area4326 and b.community_code like $4::text || '%'
)
select id, grid_id as "gridId", households, name, ST_AsGeoJSON(geom, 0) as geometry
from on_grid
where not ST_IsEmpty(geom)
order by id;
