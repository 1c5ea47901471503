-- Keeps member.grid_id and facility.grid_id current after grids changed shape, and reports who
-- moved. Candidates are found through the spatial indexes: whoever was in a changed grid or now
-- lies inside one. $1 integer[]: the grids that changed. Output: kind ('member'|'facility'),
-- from_id, to_id, n (how many moved from one grid to the other; null = outside every grid).
with changed as (select id, geom, valid_to from grid where id = any ($1::integer[])),
member_candidates as (
  select m.id, m.grid_id as old from member m where m.grid_id = any ($1::integer[])
  union
  select m.id, m.grid_id from changed g join member m on m.home && g.geom and ST_Intersects(g.geom, m.home)
  where g.valid_to is null
),
members_moved as (
  update member m
  set grid_id = (select g.id from grid g where g.valid_to is null and g.geom && m.home
                 and ST_Intersects(g.geom, m.home) order by g.id limit 1)
  from member_candidates c
  where m.id = c.id
  returning c.old, m.grid_id as new
),
facility_candidates as (
  select f.id, f.grid_id as old from facility f where f.grid_id = any ($1::integer[])
  union
  select f.id, f.grid_id from changed g join facility f on f.geom && g.geom and ST_Intersects(g.geom, f.geom)
  where g.valid_to is null
),
facilities_moved as (
  update facility f
  set grid_id = (select g.id from grid g where g.valid_to is null and g.geom && f.geom
                 and ST_Intersects(g.geom, f.geom) order by g.id limit 1)
  from facility_candidates c
  where f.id = c.id
  returning c.old, f.grid_id as new
)
select 'member' as kind, old as from_id, new as to_id, count(*)::integer as n
from members_moved where old is distinct from new group by old, new
union all
select 'facility', old, new, count(*)::integer
from facilities_moved where old is distinct from new group by old, new;
