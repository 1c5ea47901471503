-- The k nearest public facilities by geodesic distance. The GiST index finds the k nearest in
-- plain degrees; every facility within that reach widened by 1/cos(latitude) (a degree of
-- longitude is shorter than one of latitude) is then ranked by exact geography distance.
-- $1 float8 lng; $2 float8 lat (WGS84); $3 integer k; $4 text[]|null kinds.
-- Output: id, name, kind, address, phone, openingHours, services, lng, lat, distanceMeters.
with origin as (select ST_SetSRID(ST_MakePoint($1, $2), 4326) as p),
knn as (
  select f.geom <-> o.p as d
  from facility f, origin o
  where f.public and ($4::text[] is null or f.kind = any ($4::text[]))
  order by f.geom <-> o.p
  limit $3
),
reach as (select coalesce(max(d), 0) / greatest(cos(radians(least(abs($2) + 1, 89))), 0.02) * 1.01 + 1e-9 as r from knn)
select f.id, f.name, f.kind, f.address, f.phone, f.opening_hours as "openingHours", f.services,
       ST_X(f.geom) as lng, ST_Y(f.geom) as lat,
       ST_Distance(f.geom::geography, o.p::geography) as "distanceMeters"
from facility f, origin o, reach
where f.public and ($4::text[] is null or f.kind = any ($4::text[]))
  and ST_DWithin(f.geom, o.p, reach.r)
order by "distanceMeters", f.id
limit $3;
