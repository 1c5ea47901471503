-- Current grids of a region as a GeoJSON FeatureCollection, under the property names the importer
-- reads back. Coordinates to 9 decimals (well under 1 cm), outer rings counter-clockwise and holes
-- clockwise (RFC 7946).
-- $1 text: region code (grid codes start with it). Output: fc text, count integer.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', g.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 9)::json,
           'properties', json_build_object(
             'code', g.code, 'name', g.name, 'community', g.community_code,
             'households', g.households, 'population', g.population,
             'leader', g.leader_name, 'phone', g.leader_phone, 'version', g.version)
         ) order by g.code), '[]'::json)
       )::text as fc,
       count(*)::integer as count
from grid g
where g.valid_to is null and g.code like $1::text || '%';
