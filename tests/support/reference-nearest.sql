-- Reference for the public finder: the k nearest public facilities by geodesic distance, in SQL.
-- The GiST index finds the k nearest in plain degrees (`order by geom <-> point limit k`); every
-- facility within that reach widened by 1/cos(latitude) is then ranked by exact geography
-- distance. The server answers from memory (server/src/nearest/public-facility-index.ts); tests
-- compare it with this, and the bench measures this against the raw KNN query.
-- $1 float8 lng; $2 float8 lat (WGS84); $3 integer k; $4 text[]|null kinds.
-- Output: id, name, kind, address, phone, openingHours, services, lng, lat, distanceMeters.
with knn as (
  select f.geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) as d
  from facility f
  where f.public and ($4::text[] is null or f.kind = any ($4::text[]))
  order by f.geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)
  limit $3
),
reach as (select coalesce(max(d), 0) / greatest(cos(radians(least(abs($2::float8) + 1, 89))), 0.02) * 1.01 + 1e-9 as r from knn)
select f.id, f.name, f.kind, f.address, f.phone, f.opening_hours as "openingHours", f.services,
       ST_X(f.geom) as lng, ST_Y(f.geom) as lat,
       ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography) as "distanceMeters"
from facility f, reach
where f.public and ($4::text[] is null or f.kind = any ($4::text[]))
  and ST_DWithin(f.geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326), reach.r)
order by "distanceMeters", f.id
limit $3;
