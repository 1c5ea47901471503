-- Where each imported member lives, which organisation the named one is, and whether the member
-- is already on record (same name and phone). Rosters run to tens of thousands of rows, so the
-- name lookups are joins (hashed), not a query per row. $1 json: array of {row, name, phone,
-- orgName, lng, lat} in WGS84 (lng/lat null: no coordinates, the stored home counts). Output:
-- row_no, community_code (of the home; null outside every community or without one), orgs json
-- [{id, gridCode}] of organisations with that name (the one whose grid holds the home first),
-- existing_id, existing json (current fields, the distance in m from the row's point, null
-- without one, and the community of the stored home) of the member on record.
with r as (
  select r."row" as row_no, r.name, r.phone, r."orgName" as org_name, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, name text, phone text, "orgName" text, lng float8, lat float8)
),
on_record as (
  select distinct on (r.row_no) r.row_no, m.id, m.status, m.org_id, m.floating, m.home,
         ST_Distance(m.home::geography, r.geom::geography) as distance,
         (select c.code from region c
          where c.level = 'community' and c.geom && m.home and ST_Intersects(c.geom, m.home)
          order by c.code limit 1) as community_code
  from r
  join member m on m.name = r.name and m.phone = r.phone
  order by r.row_no, m.id
),
homed as (
  select r.*, coalesce(r.geom, e.home) as home
  from r
  left join on_record e on e.row_no = r.row_no
),
named_orgs as (
  select h.row_no,
         json_agg(json_build_object('id', o.id, 'gridCode', g.code)
                  order by (g.geom is not null and h.home is not null and ST_Intersects(g.geom, h.home)) desc, o.id) as orgs
  from homed h
  join party_org o on o.name = h.org_name
  left join grid g on g.id = o.grid_id
  group by h.row_no
)
select h.row_no,
       case when h.geom is null then e.community_code else (
         select c.code from region c
         where c.level = 'community' and c.geom && h.geom and ST_Intersects(c.geom, h.geom)
         order by c.code limit 1) end as community_code,
       coalesce(n.orgs, '[]'::json) as orgs,
       e.id as existing_id,
       case when e.id is null then null else json_build_object(
         'status', e.status, 'orgId', e.org_id, 'floating', e.floating, 'distance', e.distance,
         'communityCode', e.community_code) end as existing
from homed h
left join named_orgs n on n.row_no = h.row_no
left join on_record e on e.row_no = h.row_no
order by h.row_no;
