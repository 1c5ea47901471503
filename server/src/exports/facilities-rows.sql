-- Facilities inside a region's area, public or not, one row each, for the Shapefile, CSV and GeoPackage exports.
-- $1 text: region code. Output: id, name, kind, address, phone, hours, services text (JSON array),
-- public boolean, lng text, lat text (9 decimals, trailing zeros trimmed: 0.1 mm, so a round trip
-- keeps the point).
select f.id, f.name, f.kind, f.address, f.phone, f.opening_hours as hours,
       to_json(f.services)::text as services, f.public,
       trim_scale(round(ST_X(f.geom)::numeric, 9))::text as lng,
       trim_scale(round(ST_Y(f.geom)::numeric, 9))::text as lat
from facility f
join region r on r.code = $1::text and ST_Intersects(r.geom, f.geom)
order by f.id;
