-- Where each imported facility lies and what it would replace. $1 json: array of {row, id,
-- name, lng, lat} in WGS84 (lng/lat null: the file has no place columns). A row without id and
-- without a place is for the facility of that name (named = how many facilities have it; the
-- one with the lowest id is the target). Output: row_no, named, community_code (the community
-- containing the point, or the target's without one; null outside every one), target_id,
-- target_community (of the facility the row updates), target json (its current fields, its
-- place lng/lat and distance in m from the row's, null without one), near json [{id, name,
-- distance}] (facilities of the same name within 10 m other than the target).
with r as (
  select r."row" as row_no, r.id, r.name, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, id integer, name text, lng float8, lat float8)
),
-- Names looked up in one hashed join, not a scan per row.
by_name as (
  select d.name, count(*)::integer as named, min(d.id) as first_id
  from facility d
  where d.name in (select name from r where r.id is null and r.geom is null)
  group by d.name
),
keyed as (
  select r.*, case when r.id is null and r.geom is null then coalesce(n.named, 0) end as named,
         coalesce(r.id, case when r.geom is null then n.first_id end) as target_key
  from r
  left join by_name n on n.name = r.name
),
targeted as (
  select k.*, f.id as target_id, f.geom as target_geom, f.name as f_name, f.kind, f.address, f.phone, f.opening_hours,
         f.services, f.public,
         case when f.id is null then null else (
           select c.code from region c
           where c.level = 'community'
           order by ST_Intersects(c.geom, f.geom) desc, c.geom <-> f.geom, c.code
           limit 1) end as target_community
  from keyed k
  left join facility f on f.id = k.target_key
)
select t.row_no, t.named,
       case when t.geom is null then t.target_community else (
         select c.code from region c
         where c.level = 'community' and c.geom && t.geom and ST_Intersects(c.geom, t.geom)
         order by c.code limit 1) end as community_code,
       t.target_id, t.target_community,
       case when t.target_id is null then null else json_build_object(
         'name', t.f_name, 'kind', t.kind, 'address', t.address, 'phone', t.phone,
         'openingHours', t.opening_hours, 'services', t.services, 'public', t.public,
         'lng', ST_X(t.target_geom), 'lat', ST_Y(t.target_geom),
         'distance', ST_Distance(t.target_geom::geography, t.geom::geography)) end as target,
       case when t.geom is null then '[]'::json else coalesce((
         select json_agg(json_build_object('id', d.id, 'name', d.name,
                                           'distance', round(ST_Distance(d.geom::geography, t.geom::geography)::numeric, 1)))
         from facility d
         where d.name = t.name and d.id is distinct from t.id and d.geom && ST_Expand(t.geom, 0.0003)
           and ST_DWithin(d.geom::geography, t.geom::geography, 10)
       ), '[]'::json) end as near
from targeted t
order by t.row_no;
