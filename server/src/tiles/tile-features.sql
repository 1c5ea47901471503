-- The features of a vector tile as GeoJSON in EPSG:3857 metres, for encoding in Node where
-- PostGIS cannot (the embedded build has no ST_AsMVT). Shapes come generalised for the zoom
-- (tile_feature, migration 006) and cut to the tile with its buffer; Node turns the coordinates
-- back into degrees for geojson-vt. {{layer}}, {{band}} and the choice of features as in
-- tile-mvt.sql: a generalised shape cut to nothing gives way to its full-detail shape.
-- $1 integer z; $2 integer x; $3 integer y. Output: features text (a JSON array of Features).
with tile as (select ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)::box2d as buffered),
candidates as materialized (
  select f.fid, f.name, f.kind, f.code,
         case when ST_Dimension(f.geom) = 0 then f.geom else ST_ClipByBox2D(f.geom, tile.buffered) end as geom
  from tile_feature f, tile
  where f.layer = '{{layer}}' and f.band = {{band}} and f.extent && tile.buffered
),
cut as (
  select c.fid, c.name, c.kind, c.code,
         case when not ST_IsEmpty(c.geom) or {{band}} = 0 then c.geom
              else (select ST_ClipByBox2D(o.geom, tile.buffered) from tile_feature o
                    where o.layer = '{{layer}}' and o.fid = c.fid and o.band = 0) end as geom
  from candidates c, tile
)
select coalesce(json_agg(json_build_object(
  'type', 'Feature',
  'geometry', ST_AsGeoJSON(cut.geom, 2)::json,
  'properties', json_strip_nulls(json_build_object('id', cut.fid, 'name', cut.name, 'kind', cut.kind, 'code', cut.code))
) order by cut.fid), '[]'::json)::text as features
from cut
where not ST_IsEmpty(cut.geom);
