-- A vector tile of the staff buildings layer encoded by PostGIS (ST_AsMVT; needs a PostGIS built
-- with protobuf). Buildings are read straight from their table (no generalisation: the layer
-- starts at z14, where shapes have full detail), so a tile is never older than the buildings and
-- the grids that hold them. The features considered are those meeting the tile with its buffer.
-- Each feature's MVT id is the building id, and `id` stays a property as well.
-- $1 integer z; $2 integer x; $3 integer y; $4 text: scope code (community codes start with it).
-- Output: mvt bytea (empty when no building meets the tile); properties id, gridId (absent
-- while the building lies in no grid), households, name.
with tile as (
  select ST_TileEnvelope($1, $2, $3)::box2d as env,
         ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326) as area
),
shaped as materialized (
  select b.id::bigint as mvt_id, b.id, b.grid_id as "gridId", b.households, b.name,
         ST_AsMVTGeom(ST_Transform(b.geom, 3857), tile.env, 4096, 64, true) as geom
  from building b, tile
  where b.geom && tile.area and b.community_code like $4::text || '%'
)
select ST_AsMVT(shaped.*, 'buildings', 4096, 'geom', 'mvt_id' order by shaped.id) as mvt
from shaped where geom is not null;
