-- A region and every region below it (codes nest by prefix) as a GeoJSON FeatureCollection, outer
-- rings counter-clockwise and holes clockwise (RFC 7946).
-- $1 text: region code. Output: fc text, count integer.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', r.code,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(r.geom), 9)::json,
           'properties', json_build_object('code', r.code, 'name', r.name, 'level', r.level, 'parent', r.parent_code)
         ) order by r.code), '[]'::json)
       )::text as fc,
       count(*)::integer as count
from region r
where r.code like $1::text || '%';
