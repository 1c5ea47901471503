-- Every public facility with what the public finder shows of it, for the in-memory index
-- (public-facility-index.ts). No input. Output: id, name, kind, address, phone, openingHours,
-- services, lng, lat (WGS84).
select f.id, f.name, f.kind, f.address, f.phone, f.opening_hours as "openingHours", f.services,
       ST_X(f.geom) as lng, ST_Y(f.geom) as lat
from facility f
where f.public
order by f.id;
