-- Where each imported facility lies and what it would replace. $1 json: array of {row, id,
-- name, lng, lat} in WGS84. Output: row_no, community_code (the community containing the point,
-- null outside every one), target_id, target_community (of the facility the row updates),
-- target json (its current fields, its place lng/lat and distance in m from the row's), near json [{id, name, distance}] (facilities of the same
-- name within 10 m other than the target).
with r as (
  select r."row" as row_no, r.id, r.name, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, id integer, name text, lng float8, lat float8)
)
select r.row_no,
       (select c.code from region c
        where c.level = 'community' and c.geom && r.geom and ST_Intersects(c.geom, r.geom)
        order by c.code limit 1) as community_code,
       f.id as target_id,
       case when f.id is null then null else (
         select c.code from region c
         where c.level = 'community'
         order by ST_Intersects(c.geom, f.geom) desc, c.geom <-> f.geom, c.code
         limit 1) end as target_community,
       case when f.id is null then null else json_build_object(
         'name', f.name, 'kind', f.kind, 'address', f.address, 'phone', f.phone,
         'openingHours', f.opening_hours, 'services', f.services, 'public', f.public,
         'lng', ST_X(f.geom), 'lat', ST_Y(f.geom),
         'distance', ST_Distance(f.geom::geography, r.geom::geography)) end as target,
       coalesce((
         select json_agg(json_build_object('id', d.id, 'name', d.name,
                                           'distance', round(ST_Distance(d.geom::geography, r.geom::geography)::numeric, 1)))
         from facility d
         where d.name = r.name and d.id is distinct from r.id and d.geom && ST_Expand(r.geom, 0.0003)
           and ST_DWithin(d.geom::geography, r.geom::geography, 10)
       ), '[]'::json) as near
from r
left join facility f on f.id = r.id
order by r.row_no;
