-- Facilities inside a region's area, public or not (exports are for signed-in staff), as a GeoJSON
-- FeatureCollection under the property names the importer reads back.
-- $1 text: region code. Output: fc text, count integer.
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', f.id,
           'geometry', ST_AsGeoJSON(f.geom, 9)::json,
           'properties', json_build_object(
             'id', f.id, 'name', f.name, 'kind', f.kind, 'address', f.address, 'phone', f.phone,
             'hours', f.opening_hours, 'services', to_json(f.services), 'public', f.public)
         ) order by f.id), '[]'::json)
       )::text as fc,
       count(*)::integer as count
from facility f
join region r on r.code = $1::text and ST_Intersects(r.geom, f.geom);
