-- A vector tile encoded by PostGIS (ST_AsMVT; needs a PostGIS built with protobuf), from the
-- layer's shapes already in EPSG:3857 and generalised for the zoom (tile_feature, migration 006).
-- {{layer}} and {{band}} are put in by server/src/tiles/tile-encoder.ts (known values only), so
-- the planner picks that layer and band's own index. The features considered are the ones whose
-- full-detail box meets the tile with its buffer; a generalised shape that vanishes where its
-- full-detail shape would show is replaced by that (so no feature is lost to generalisation).
-- Each feature's numeric id (grid, facility; a region's code) is its MVT id, and stays the `id`
-- property as well (the map keys feature state on it).
-- $1 integer z; $2 integer x; $3 integer y. Output: mvt bytea (empty when no feature meets the tile).
with tile as (
  select ST_TileEnvelope($1, $2, $3)::box2d as env, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) as buffered
),
shaped as materialized (
  select case when f.fid ~ '^\d{1,15}$' then f.fid::bigint end as mvt_id, f.fid as id, f.name, f.kind, f.code,
         coalesce(
           ST_AsMVTGeom(f.geom, tile.env, 4096, 64, true),
           (select ST_AsMVTGeom(o.geom, tile.env, 4096, 64, true) from tile_feature o
            where {{band}} > 0 and o.layer = '{{layer}}' and o.fid = f.fid and o.band = 0)
         ) as geom
  from tile_feature f, tile
  where f.layer = '{{layer}}' and f.band = {{band}} and f.extent && tile.buffered
)
select ST_AsMVT(shaped.*, '{{layer}}', 4096, 'geom', 'mvt_id' order by shaped.id) as mvt from shaped where geom is not null;
