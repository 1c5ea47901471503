-- The members of a region no public centre or station reaches within a radius (member.reach_m),
-- for the station-site search: their homes as x, y metres east and north of the region's centre,
-- packed as big-endian float8 pairs so the search can index them in memory; a home never leaves
-- the server. $1 text region code; $2 integer radius. Output: points bytea.
with origin as materialized (select ST_X(c) as lng0, ST_Y(c) as lat0, cos(radians(ST_Y(c))) as k
                from (select ST_Centroid(geom) as c from region where code = $1) r)
select coalesce(string_agg(float8send((ST_X(m.home) - o.lng0) * 111320 * o.k) || float8send((ST_Y(m.home) - o.lat0) * 110574), ''::bytea),
                ''::bytea) as points
from member m
join grid g on g.id = m.grid_id and g.valid_to is null and g.code like $1 || '%'
cross join origin o
where m.reach_m is null or m.reach_m > $2;
