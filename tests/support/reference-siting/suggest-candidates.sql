-- Candidate sites for a station-site search: a point inside each grid of the region, on the
-- same local metre plane as suggest_demand; dropped at the end of the transaction.
-- $1 text region code. Output: none.
create temp table suggest_candidate on commit drop as
with origin as (select ST_X(c) as lng0, ST_Y(c) as lat0, cos(radians(ST_Y(c))) as k
                from (select ST_Centroid(geom) as c from region where code = $1) r)
select g.id, g.code, g.name, p.site,
       ST_MakePoint((ST_X(p.site) - o.lng0) * 111320 * o.k, (ST_Y(p.site) - o.lat0) * 110574) as pt
from grid g
cross join lateral (select ST_PointOnSurface(g.geom) as site) p
cross join origin o
where g.valid_to is null and g.code like $1 || '%';
