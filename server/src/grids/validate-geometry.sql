-- Checks a user-drawn geometry before any overlay operation touches it (a GEOS exception on an
-- invalid polygon wedges the embedded database).
-- $1 text: GeoJSON geometry. Output: valid boolean, reason text, location text (GeoJSON point of
-- the problem, or null), geom_type text.
with g as (select ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) as geom),
d as (select (ST_IsValidDetail(geom)).* , GeometryType(geom) as geom_type from g)
select d.valid, d.reason, ST_AsGeoJSON(d.location, 7) as location, d.geom_type
from d;
