-- Candidate station sites: the kept centre (a point inside) of each grid of the region, also as
-- x, y metres on the plane of suggest-demand.sql. $1 text region code.
-- Output: id, code, name, lng, lat, x, y.
with origin as materialized (select ST_X(c) as lng0, ST_Y(c) as lat0, cos(radians(ST_Y(c))) as k
                from (select ST_Centroid(geom) as c from region where code = $1) r)
select g.id, g.code, g.name, ST_X(c.centre) as lng, ST_Y(c.centre) as lat,
       (ST_X(c.centre) - o.lng0) * 111320 * o.k as x, (ST_Y(c.centre) - o.lat0) * 110574 as y
from grid g
join grid_coverage c on c.grid_id = g.id
cross join origin o
where g.valid_to is null and g.code like $1 || '%';
