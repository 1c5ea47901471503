-- Regions as a GeoJSON FeatureCollection.
-- $1 text|null: level filter (district|street|community). Output: fc text.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(feature order by code), '[]'::json)
       )::text as fc
from region_feature
where $1::text is null or level = $1::text;
