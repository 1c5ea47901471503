-- Writes a grid's new shape and attributes as its next version (or a new grid when $1 is null),
-- and records that version in the history.
-- $1 integer|null id; $2 text code (new grids only); $3 text name; $4 text community code;
-- $5 text GeoJSON (null keeps the current shape); $6 integer households; $7 integer population; $8 text leader name;
-- $9 text leader phone; $10 text who; $11 text change kind; $12 text note; $13 float8 coordinate
-- precision (degrees, grid-rules.ts).
-- Output: id, version.
with shape as (
  select case when $5::text is null then null
              else ST_Multi(ST_ReducePrecision(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326), $13::float8)) end as geom
),
inserted as (
  insert into grid (code, name, community_code, geom, households, population, leader_name, leader_phone, updated_by)
  select $2, $3, $4, shape.geom, $6, $7, $8, $9, $10 from shape
  where $1::integer is null
  returning *
),
updated as (
  update grid g
  set name = $3, geom = coalesce(shape.geom, g.geom), households = $6, population = $7, leader_name = $8, leader_phone = $9,
      version = g.version + 1, valid_from = now(), valid_to = null, updated_by = $10
  from shape
  where g.id = $1::integer
  returning g.*
),
saved as (select * from inserted union all select * from updated),
history as (
  insert into grid_version (grid_id, version, code, name, community_code, geom, households, population,
                            leader_name, leader_phone, valid_from, change_kind, note, changed_by)
  select id, version, code, name, community_code, geom, households, population,
         leader_name, leader_phone, valid_from, $11, $12, $10
  from saved
)
select id, version from saved;
