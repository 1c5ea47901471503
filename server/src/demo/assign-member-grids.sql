-- Sets every member's grid (the current grid holding the home, the lowest id on a shared border)
-- and reach (migration 008's member_reach_recount) in one pass over the table. The grids drive
-- the join, so each grid's shape is prepared once and tested against the homes its box holds:
-- several times faster than a lookup per member. Output: none.
update member m
set grid_id = x.grid_id, reach_m = r.reach_m
from member_reach_recount r
left join (
  select distinct on (m2.id) m2.id, g.id as grid_id
  from grid g join member m2 on m2.home && g.geom and ST_Intersects(g.geom, m2.home)
  where g.valid_to is null
  order by m2.id, g.id
) x on x.id = r.id
where m.id = r.id;
