-- A vector tile encoded by PostGIS (ST_AsMVT; needs a PostGIS built with protobuf).
-- $1 integer z; $2 integer x; $3 integer y; $4 text layer (regions|grids|facilities).
-- Output: mvt bytea.
with bounds as (select ST_TileEnvelope($1, $2, $3) as env3857),
env as (select ST_Transform(ST_Expand(env3857, (ST_XMax(env3857) - ST_XMin(env3857)) / 64), 4326) as env, env3857 from bounds),
features as (
  select r.code as id, r.name, r.level as kind, null::text as code, r.geom from region r, env where $4 = 'regions' and r.geom && env.env
  union all
  select g.id::text, g.name, null, g.code, g.geom from grid g, env where $4 = 'grids' and g.valid_to is null and g.geom && env.env
  union all
  select f.id::text, f.name, f.kind, null, f.geom from facility f, env where $4 = 'facilities' and f.public and f.geom && env.env
),
shaped as (
  select f.id, f.name, f.kind, f.code,
         ST_AsMVTGeom(ST_Transform(f.geom, 3857), env.env3857, 4096, 64, true) as geom
  from features f, env
)
select ST_AsMVT(shaped.*, $4, 4096, 'geom') as mvt from shaped where geom is not null;
