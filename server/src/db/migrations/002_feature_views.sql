-- GeoJSON Features built by PostGIS, one per row, so list and single-item endpoints share one
-- definition and Node passes the text through. Coordinates to 7 decimals (≈1 cm).

create view grid_feature as
select g.id, g.code, g.community_code, g.geom, g.version, g.valid_to,
       json_build_object(
         'type', 'Feature',
         'id', g.id,
         'geometry', ST_AsGeoJSON(g.geom, 7)::json,
         'properties', json_build_object(
           'id', g.id, 'code', g.code, 'name', g.name, 'communityCode', g.community_code,
           'households', g.households, 'population', g.population,
           'leaderName', g.leader_name, 'leaderPhone', g.leader_phone, 'version', g.version
         )
       ) as feature
from grid g;

create view facility_feature as
select f.id, f.kind, f.public, f.geom,
       json_build_object(
         'type', 'Feature',
         'id', f.id,
         'geometry', ST_AsGeoJSON(f.geom, 7)::json,
         'properties', json_build_object(
           'id', f.id, 'name', f.name, 'kind', f.kind, 'address', f.address, 'phone', f.phone,
           'openingHours', f.opening_hours, 'services', to_json(f.services), 'gridId', f.grid_id
         )
       ) as feature
from facility f;

create view region_feature as
select r.code, r.level, r.geom,
       json_build_object(
         'type', 'Feature',
         'id', r.code,
         'geometry', ST_AsGeoJSON(r.geom, 7)::json,
         'properties', json_build_object('code', r.code, 'name', r.name, 'level', r.level, 'parentCode', r.parent_code)
       ) as feature
from region r;
