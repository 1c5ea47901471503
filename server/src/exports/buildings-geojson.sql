-- Buildings of a region as a GeoJSON FeatureCollection, under the property names the importer
-- reads back: id is the key an import matches on (the file's own key it came with, else our id),
-- grid is the code of the grid holding it (not read back: placement follows the outline).
-- Coordinates to 9 decimals, outer rings counter-clockwise (RFC 7946).
-- $1 text: region code (community codes start with it). Output: fc text, count integer.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', b.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 9)::json,
           'properties', json_build_object(
             'id', coalesce(b.ext_key, b.id::text), 'name', b.name, 'community', b.community_code,
             'households', b.households, 'population', b.population, 'grid', g.code)
         ) order by b.community_code, b.id), '[]'::json)
       )::text as fc,
       count(*)::integer as count
from building b
left join grid g on g.id = b.grid_id
where b.community_code like $1::text || '%';
