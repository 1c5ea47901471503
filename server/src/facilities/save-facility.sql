-- Creates ($1 null) or replaces ($1 id) a facility; its grid is the current grid containing it.
-- $1 integer|null id; $2 name; $3 kind; $4 address; $5 phone; $6 opening hours; $7 text[] services;
-- $8 float8 lng; $9 float8 lat; $10 boolean public. Output: id.
with point as (select ST_SetSRID(ST_MakePoint($8, $9), 4326) as geom),
cell as (
  select (select g.id from grid g, point p
          where g.valid_to is null and ST_Intersects(g.geom, p.geom) order by g.id limit 1) as grid_id
), inserted as (
  insert into facility (name, kind, address, phone, opening_hours, services, geom, public, grid_id)
  select $2, $3, $4, $5, $6, $7, p.geom, $10, c.grid_id from point p, cell c
  where $1::integer is null
  returning id
), updated as (
  update facility f
  set name = $2, kind = $3, address = $4, phone = $5, opening_hours = $6, services = $7,
      geom = p.geom, public = $10, grid_id = c.grid_id
  from point p, cell c
  where f.id = $1::integer
  returning f.id
)
select id from inserted union all select id from updated;
