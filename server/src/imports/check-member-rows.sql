-- Where each imported member lives, which organisation the named one is, and whether the member
-- is already on record (same name and phone). Rosters run to tens of thousands of rows, so the
-- name lookups are joins (hashed), not a query per row. $1 json: array of {row, name, phone,
-- orgName, lng, lat} in WGS84. Output: row_no, community_code (null outside every community),
-- orgs json [{id, gridCode}] of organisations with that name (the one whose grid holds the point
-- first), existing_id, existing json (current fields, and the community of the home) of the
-- member on record.
with r as (
  select r."row" as row_no, r.name, r.phone, r."orgName" as org_name, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, name text, phone text, "orgName" text, lng float8, lat float8)
),
named_orgs as (
  select r.row_no,
         json_agg(json_build_object('id', o.id, 'gridCode', g.code)
                  order by (g.geom is not null and ST_Intersects(g.geom, r.geom)) desc, o.id) as orgs
  from r
  join party_org o on o.name = r.org_name
  left join grid g on g.id = o.grid_id
  group by r.row_no
),
on_record as (
  select distinct on (r.row_no) r.row_no, m.id, m.status, m.org_id, m.floating,
         ST_Distance(m.home::geography, r.geom::geography) as distance,
         (select c.code from region c
          where c.level = 'community' and c.geom && m.home and ST_Intersects(c.geom, m.home)
          order by c.code limit 1) as community_code
  from r
  join member m on m.name = r.name and m.phone = r.phone
  order by r.row_no, m.id
)
select r.row_no,
       (select c.code from region c
        where c.level = 'community' and c.geom && r.geom and ST_Intersects(c.geom, r.geom)
        order by c.code limit 1) as community_code,
       coalesce(n.orgs, '[]'::json) as orgs,
       e.id as existing_id,
       case when e.id is null then null else json_build_object(
         'status', e.status, 'orgId', e.org_id, 'floating', e.floating, 'distance', e.distance,
         'communityCode', e.community_code) end as existing
from r
left join named_orgs n on n.row_no = r.row_no
left join on_record e on e.row_no = r.row_no
order by r.row_no;
