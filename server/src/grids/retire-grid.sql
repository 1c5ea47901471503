-- Retires a grid: the row and its code stay (codes are never reused), a last version records it.
-- $1 integer id; $2 text who; $3 text change kind ('retire'|'merge'); $4 text note.
-- Output: version.
with retired as (
  update grid set valid_to = now(), version = version + 1, updated_by = $2
  where id = $1 and valid_to is null
  returning *
),
history as (
  insert into grid_version (grid_id, version, code, name, community_code, geom, households, population,
                            leader_name, leader_phone, valid_from, valid_to, change_kind, note, changed_by)
  select id, version, code, name, community_code, geom, households, population,
         leader_name, leader_phone, valid_from, valid_to, $3, $4, $2
  from retired
)
select version from retired;
