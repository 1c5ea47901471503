-- The cases of a region reported in a period, as points for the staff map: code, status,
-- category, grid and whether overdue now; never the phone, the description or a note.
-- $1 text region code (prefix of the case's grid code); $2 timestamptz period start (inclusive);
-- $3 timestamptz period end (exclusive); $4 timestamptz now; $5 integer most points (newest first).
-- Output: one row: total (integer, all matching cases) and features (text, a JSON array).
with matched as (
  select c.id, c.code, c.status, c.category_id, c.geom, c.created_at, c.accept_deadline, c.close_deadline,
         g.code as grid_code, g.name as grid_name
  from civic_case c
  join grid g on g.id = c.grid_id
  where g.code like $1 || '%' and c.created_at >= $2 and c.created_at < $3
),
shown as (
  select * from matched order by created_at desc, id desc limit $5
)
select (select count(*) from matched)::integer as total,
       coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'geometry', json_build_object('type', 'Point', 'coordinates',
                       json_build_array(round(ST_X(s.geom)::numeric, 6), round(ST_Y(s.geom)::numeric, 6))),
         'properties', json_build_object(
           'id', s.id, 'code', s.code, 'status', s.status, 'category', s.category_id, 'categoryName', k.name,
           'gridCode', s.grid_code, 'gridName', s.grid_name,
           'overdue', s.status in ('pending', 'accepted', 'in_progress')
                      and ((s.status = 'pending' and s.accept_deadline < $4) or s.close_deadline < $4),
           'createdAt', to_json(s.created_at))
       ) order by s.created_at desc, s.id desc), '[]'::json)::text as features
from shown s
join case_category k on k.id = s.category_id;
