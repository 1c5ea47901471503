-- Checks a split line before it touches a polygon. $1 text: GeoJSON LineString.
-- Output: valid boolean, reason text.
with l as (select ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) as geom)
select ST_IsValid(geom) and ST_Length(geom) > 0 as valid,
       case when ST_Length(geom) = 0 then 'the line has no length' else ST_IsValidReason(geom) end as reason
from l;
