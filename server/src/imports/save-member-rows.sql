-- Creates (id null) or updates imported members in one statement; each one's grid is the current
-- grid containing the home. $1 json: array of {id, name, status, orgId, floating, phone, lng, lat}
-- in WGS84; an update without lng/lat keeps the stored home and grid. Output: id.
with r as (
  select r.*, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as home
  from json_to_recordset($1::json) as r(id integer, name text, status text, "orgId" integer, floating boolean, phone text, lng float8, lat float8)
),
placed as (
  select r.*, (select g.id from grid g where g.valid_to is null and g.geom && r.home and ST_Intersects(g.geom, r.home)
               order by g.id limit 1) as grid_id
  from r
),
inserted as (
  insert into member (name, status, org_id, floating, home, grid_id, phone)
  select name, status, "orgId", floating, home, grid_id, phone from placed where id is null
  returning id
),
updated as (
  update member m
  set status = p.status, org_id = p."orgId", floating = p.floating,
      home = coalesce(p.home, m.home), grid_id = case when p.home is null then m.grid_id else p.grid_id end
  from placed p
  where p.id is not null and m.id = p.id
  returning m.id
)
select id from inserted union all select id from updated;
