-- Creates (id null) or replaces imported facilities in one statement; each one's grid is the
-- current grid containing it. $1 json: array of {id, name, kind, address, phone, openingHours,
-- services (array), public, lng, lat} in WGS84. Output: id.
with r as (
  select r.*, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom,
         array(select json_array_elements_text(r.services)) as service_list
  from json_to_recordset($1::json) as r(id integer, name text, kind text, address text, phone text,
                                        "openingHours" text, services json, public boolean, lng float8, lat float8)
),
placed as (
  select r.*, (select g.id from grid g where g.valid_to is null and g.geom && r.geom and ST_Intersects(g.geom, r.geom)
               order by g.id limit 1) as grid_id
  from r
),
inserted as (
  insert into facility (name, kind, address, phone, opening_hours, services, geom, public, grid_id)
  select name, kind, address, phone, "openingHours", service_list, geom, public, grid_id from placed where id is null
  returning id
),
updated as (
  update facility f
  set name = p.name, kind = p.kind, address = p.address, phone = p.phone, opening_hours = p."openingHours",
      services = p.service_list, geom = p.geom, public = p.public, grid_id = p.grid_id
  from placed p
  where p.id is not null and f.id = p.id
  returning f.id
)
select id from inserted union all select id from updated;
