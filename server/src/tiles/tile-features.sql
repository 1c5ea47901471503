-- The features of a vector tile as GeoJSON in EPSG:3857 metres, for encoding in Node where
-- PostGIS cannot (the embedded build has no ST_AsMVT). Shapes come generalised for the zoom
-- (tile_feature, migration 006), whole: geojson-vt cuts them to the tile in Node, which the
-- embedded database does several times slower. {{layer}}, {{band}} and the choice of features
-- as in tile-mvt.sql: a generalised shape that misses the tile where its full-detail box meets it
-- gives way to its full-detail shape.
-- $1 integer z; $2 integer x; $3 integer y. Output: one row per feature: id, name, kind, code
-- (null where the layer has none) and geometry (GeoJSON text).
with t as (select area, area::box2d as buffered from (select ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) as area) e),
shaped as (
  select f.fid, f.name, f.kind, f.code,
         case when {{band}} = 0 or ST_Intersects(f.geom, t.area) then f.geom
              else (select o.geom from tile_feature o where o.layer = '{{layer}}' and o.fid = f.fid and o.band = 0) end as geom
  from tile_feature f, t
  where f.layer = '{{layer}}' and f.band = {{band}} and f.extent && t.buffered
)
select s.fid as id, s.name, s.kind, s.code, ST_AsGeoJSON(s.geom, 2) as geometry
from shaped s;
