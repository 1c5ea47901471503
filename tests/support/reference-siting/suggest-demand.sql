-- The members of a region no public Party service centre or station reaches yet, for a
-- station-site search, as points on a local metre plane (x east, y north of the region's
-- centre) so the greedy search can use plain distances through an index; dropped at the end of
-- the transaction. Reach is measured as in reach.sql. $1 text region code; $2 float8 radius in
-- metres. Output: none.
create temp table suggest_demand on commit drop as
with origin as (select ST_X(c) as lng0, ST_Y(c) as lat0, cos(radians(ST_Y(c))) as k
                from (select ST_Centroid(geom) as c from region where code = $1) r)
select m.id, ST_MakePoint((ST_X(m.home) - o.lng0) * 111320 * o.k, (ST_Y(m.home) - o.lat0) * 110574) as pt
from member m
join grid g on g.id = m.grid_id and g.valid_to is null and g.code like $1 || '%'
cross join origin o
where not exists (
  select 1 from facility f
  where f.public and f.kind in ('center', 'station')
    and ST_DWithin(f.geom, m.home, $2 / (111320 * cos(radians(ST_Y(f.geom) + 1))))
    and power((ST_X(m.home) - ST_X(f.geom)) * 111320 * cos(radians(ST_Y(f.geom))), 2)
      + power((ST_Y(m.home) - ST_Y(f.geom)) * 110574, 2) <= power($2, 2)
);
