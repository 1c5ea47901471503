-- Loads regions from a GeoJSON FeatureCollection.
-- $1 text: FeatureCollection; properties code, name, level, parentCode. Output: none.
insert into region (code, name, level, parent_code, geom)
select f -> 'properties' ->> 'code',
       f -> 'properties' ->> 'name',
       f -> 'properties' ->> 'level',
       f -> 'properties' ->> 'parentCode',
       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326))
from json_array_elements($1::json -> 'features') as f;
