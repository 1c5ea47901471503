-- Loads facilities; each gets the current grid that contains it.
-- $1 text: FeatureCollection of Points; properties key, name, kind, address, phone,
-- openingHours, services (array), public. Output: none.
insert into facility (ext_key, name, kind, address, phone, opening_hours, services, geom, public, grid_id)
select p ->> 'key', p ->> 'name', p ->> 'kind', p ->> 'address', p ->> 'phone', p ->> 'openingHours',
       array(select json_array_elements_text(p -> 'services')),
       pt, coalesce((p ->> 'public')::boolean, true),
       (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, pt) order by g.id limit 1)
from json_array_elements($1::json -> 'features') as f
cross join lateral (select f -> 'properties' as p, ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) as pt) as x;
