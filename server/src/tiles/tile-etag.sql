-- What a tile shows, as a hash: it changes exactly when a feature in the tile (or its buffer)
-- changes. $1 integer z; $2 integer x; $3 integer y; $4 text layer. Output: etag text.
with bounds as (select ST_TileEnvelope($1, $2, $3) as env3857),
env as (select ST_Transform(ST_Expand(env3857, (ST_XMax(env3857) - ST_XMin(env3857)) / 64), 4326) as env from bounds)
select md5(coalesce(string_agg(k, ',' order by k), '')) as etag from (
  select r.code || ':' || md5(r.name) as k from region r, env where $4 = 'regions' and r.geom && env.env
  union all
  select g.id || ':' || g.version from grid g, env where $4 = 'grids' and g.valid_to is null and g.geom && env.env
  union all
  select f.id || ':' || md5(f.name || f.kind || ST_AsText(f.geom)) from facility f, env where $4 = 'facilities' and f.public and f.geom && env.env
) keys;
