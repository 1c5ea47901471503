-- The features of a vector tile as GeoJSON, for encoding in Node where PostGIS cannot (the
-- embedded build has no ST_AsMVT). Geometry is simplified to the tile's resolution.
-- $1 integer z; $2 integer x; $3 integer y; $4 text layer. Output: fc text (FeatureCollection).
with bounds as (select ST_TileEnvelope($1, $2, $3) as env3857),
env as (
  select ST_Transform(ST_Expand(env3857, (ST_XMax(env3857) - ST_XMin(env3857)) / 64), 4326) as env,
         -- one tile pixel (of 4096) in degrees, for simplification
         (ST_XMax(env3857) - ST_XMin(env3857)) / 4096 / 111320 as px
  from bounds
),
features as (
  select r.code as id, r.name, r.level as kind, null::text as code, r.geom from region r, env where $4 = 'regions' and r.geom && env.env
  union all
  select g.id::text, g.name, null, g.code, g.geom from grid g, env where $4 = 'grids' and g.valid_to is null and g.geom && env.env
  union all
  select f.id::text, f.name, f.kind, null, f.geom from facility f, env where $4 = 'facilities' and f.public and f.geom && env.env
)
select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
  'type', 'Feature',
  'geometry', ST_AsGeoJSON(ST_Intersection(ST_SimplifyPreserveTopology(f.geom, env.px), env.env), 7)::json,
  'properties', json_strip_nulls(json_build_object('id', f.id, 'name', f.name, 'kind', f.kind, 'code', f.code))
) order by f.id), '[]'::json))::text as fc
from features f, env;
