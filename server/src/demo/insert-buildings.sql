-- Loads the demo buildings (source 'demo', ext_key = the file's key); the trigger sets each one's
-- anchor, placeBuildings then gives it its grid and the grids their households and population.
-- $1 text: FeatureCollection of Polygons; properties key, communityCode, name, households,
-- population. Output: none.
insert into building (community_code, name, households, population, geom, source, ext_key)
select p ->> 'communityCode', p ->> 'name', (p ->> 'households')::integer, (p ->> 'population')::integer,
       ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326), 'demo', p ->> 'key'
from json_array_elements($1::json -> 'features') as f
cross join lateral (select f -> 'properties' as p) as x;
