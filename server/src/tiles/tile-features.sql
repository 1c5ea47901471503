-- The features of a vector tile in the tile's own integer coordinates (extent 4096, y down), as
-- GeoJSON, for encoding in Node where PostGIS cannot (the embedded build has no ST_AsMVT). Shapes
-- come generalised for the zoom (tile_feature, migration 006); {{layer}}, {{band}} and the choice
-- of features as in tile-mvt.sql: a generalised shape that misses the tile where its full-detail
-- box meets it gives way to its full-detail shape. Each shape is cut to the tile with its buffer
-- (unless its box lies inside: GEOS in the embedded build is slow, and most shapes need no cut),
-- moved onto the tile grid and made valid there by GEOS (ST_ReducePrecision: snap-rounded to whole
-- units, no self-intersection, rings that collapse dropped); a shape with nothing left is dropped.
-- Ring orientation is left to the encoder.
-- $1 integer z; $2 integer x; $3 integer y. Output: one row per feature: id, name, kind, code
-- (null where the layer has none) and geometry (GeoJSON text).
with t as (
  select area, area::box2d as buffered, ST_XMin(env) as x0, ST_YMax(env) as y0, 4096 / (ST_XMax(env) - ST_XMin(env)) as scale
  from (select ST_TileEnvelope($1, $2, $3) as env, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) as area) e
),
shaped as (
  select f.fid, f.name, f.kind, f.code,
         case when {{band}} = 0 or ST_Intersects(f.geom, t.area) then f.geom
              else (select o.geom from tile_feature o where o.layer = '{{layer}}' and o.fid = f.fid and o.band = 0) end as geom
  from tile_feature f, t
  where f.layer = '{{layer}}' and f.band = {{band}} and f.extent && t.buffered
),
on_grid as (
  select s.fid, s.name, s.kind, s.code,
         ST_CollectionExtract(ST_ReducePrecision(
           ST_Affine(case when s.geom @ t.buffered then s.geom else ST_Intersection(s.geom, t.area) end,
                     t.scale, 0, 0, -t.scale, -t.x0 * t.scale, t.y0 * t.scale), 1)) as geom
  from shaped s, t
)
select fid as id, name, kind, code, ST_AsGeoJSON(geom, 0) as geometry
from on_grid
where not ST_IsEmpty(geom);
