-- Regions as a GeoJSON FeatureCollection, each feature with its extent as `bbox`
-- ([west, south, east, north], 7 decimals), so a view can fit to a region without reading its outline.
-- $1 text|null: level filter (district|street|community); $2 text|null: one region's code.
-- Output: fc text.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(
           json_build_object(
             'type', 'Feature',
             'id', code,
             'bbox', json_build_array(
               round(ST_XMin(geom)::numeric, 7), round(ST_YMin(geom)::numeric, 7),
               round(ST_XMax(geom)::numeric, 7), round(ST_YMax(geom)::numeric, 7)),
             'geometry', feature->'geometry',
             'properties', feature->'properties'
           ) order by code), '[]'::json)
       )::text as fc
from region_feature
where ($1::text is null or level = $1::text)
  and ($2::text is null or code = $2::text);
