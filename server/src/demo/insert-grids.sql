-- Loads grid units as version 1 and records that version in the history.
-- $1 text: FeatureCollection; properties code, name, communityCode, households, population,
-- leaderName, leaderPhone. $2 text: who loads them. Output: none.
with input as (
  select f -> 'properties' as p, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326)) as geom
  from json_array_elements($1::json -> 'features') as f
), inserted as (
  insert into grid (code, name, community_code, geom, households, population, leader_name, leader_phone, updated_by)
  select p ->> 'code', p ->> 'name', p ->> 'communityCode', geom,
         (p ->> 'households')::integer, (p ->> 'population')::integer, p ->> 'leaderName', p ->> 'leaderPhone', $2
  from input
  returning *
)
insert into grid_version (grid_id, version, code, name, community_code, geom, households, population,
                          leader_name, leader_phone, valid_from, change_kind, note, changed_by)
select id, version, code, name, community_code, geom, households, population,
       leader_name, leader_phone, valid_from, 'import', 'demo district', $2
from inserted;
