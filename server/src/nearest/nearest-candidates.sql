-- The common case of the k nearest public facilities, in one KNN index scan: the m = 2k + 10
-- nearest in plain degrees (`order by geom <-> point limit m`), ranked by exact geography
-- distance. Their count and the farthest one's distance in degrees come along, so the caller can
-- tell whether any facility left out could be nearer than the k-th (see routes.ts); when it
-- cannot tell, it asks nearest-facilities.sql instead.
-- $1 float8 lng; $2 float8 lat (WGS84); $3 integer k; $4 text[]|null kinds.
-- Output: id, name, kind, address, phone, openingHours, services, lng, lat, distanceMeters,
-- candidates (m, or fewer when there are no more), reachDegrees.
with c as (
  select f.id, f.name, f.kind, f.address, f.phone, f.opening_hours, f.services, f.geom,
         f.geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) as dd
  from facility f
  where f.public and ($4::text[] is null or f.kind = any ($4::text[]))
  order by f.geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)
  limit $3::integer * 2 + 10
)
select c.id, c.name, c.kind, c.address, c.phone, c.opening_hours as "openingHours", c.services,
       ST_X(c.geom) as lng, ST_Y(c.geom) as lat,
       ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography) as "distanceMeters",
       (count(*) over ())::integer as candidates, max(c.dd) over () as "reachDegrees"
from c
order by "distanceMeters", c.id
limit $3;
