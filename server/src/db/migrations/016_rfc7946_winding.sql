-- RFC 7946 (GeoJSON) ring order in the features the API and /ogc send: outer rings
-- counter-clockwise, holes clockwise, whatever order a shape was stored in (imports and drawn
-- shapes keep theirs). The views are otherwise as migration 002 made them; facilities are points.

create or replace view grid_feature as
select g.id, g.code, g.community_code, g.geom, g.version, g.valid_to,
       json_build_object(
         'type', 'Feature',
         'id', g.id,
         'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
         'properties', json_build_object(
           'id', g.id, 'code', g.code, 'name', g.name, 'communityCode', g.community_code,
           'households', g.households, 'population', g.population,
           'leaderName', g.leader_name, 'leaderPhone', g.leader_phone, 'version', g.version
         )
       ) as feature
from grid g;

create or replace view region_feature as
select r.code, r.level, r.geom,
       json_build_object(
         'type', 'Feature',
         'id', r.code,
         'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(r.geom), 7)::json,
         'properties', json_build_object('code', r.code, 'name', r.name, 'level', r.level, 'parentCode', r.parent_code)
       ) as feature
from region r;
