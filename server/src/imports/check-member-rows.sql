-- Where each imported member lives, which organisation the named one is, and whether the member
-- is already on record (same name and phone). $1 json: array of {row, name, phone, orgName, lng,
-- lat} in WGS84. Output: row_no, community_code (null outside every community), orgs json
-- [{id, inScope}] of organisations with that name (the one whose grid holds the point first),
-- existing_id, existing json (current fields) of the member on record.
with r as (
  select r."row" as row_no, r.name, r.phone, r."orgName" as org_name, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, name text, phone text, "orgName" text, lng float8, lat float8)
)
select r.row_no,
       (select c.code from region c
        where c.level = 'community' and c.geom && r.geom and ST_Intersects(c.geom, r.geom)
        order by c.code limit 1) as community_code,
       case when r.org_name is null then '[]'::json else coalesce((
         select json_agg(json_build_object('id', o.id, 'gridCode', g.code)
                         order by (g.geom is not null and ST_Intersects(g.geom, r.geom)) desc, o.id)
         from party_org o left join grid g on g.id = o.grid_id
         where o.name = r.org_name
       ), '[]'::json) end as orgs,
       m.id as existing_id,
       case when m.id is null then null else json_build_object(
         'status', m.status, 'orgId', m.org_id, 'floating', m.floating,
         'distance', ST_Distance(m.home::geography, r.geom::geography)) end as existing
from r
left join lateral (
  select m.* from member m where r.phone is not null and m.name = r.name and m.phone = r.phone order by m.id limit 1
) m on true
order by r.row_no;
