-- Keeps member.grid_id and facility.grid_id current after grids changed shape, and reports who
-- moved. Candidates are found through the spatial indexes: whoever was in a changed grid or now
-- lies inside one. $1 integer[]: the grids that changed. Output: kind ('member'|'facility'),
-- from_id, to_id, n (how many moved from one grid to the other; null = outside every grid).
with changed as (select id, geom, valid_to from grid where id in (select unnest($1::integer[]))),
-- Members inside a changed grid belong to it (the lowest id where two share a border): one join
-- over the changed grids, not a lookup per member, so reassigning a whole city stays a join.
member_inside as (
  select m.id, min(m.grid_id) as old, min(g.id) as new
  from changed g join member m on m.home && g.geom and ST_Intersects(g.geom, m.home)
  where g.valid_to is null
  group by m.id
),
-- Members of a changed grid that no changed grid holds now: wherever they lie (or no grid). There
-- are none when every member of a changed grid is among member_inside (the two counts agree):
-- then the set difference is not computed at all. EXCEPT is a hashed set difference; as an
-- anti-join the planner chose a nested loop (30,000 × 15,000 probes for a district).
member_left as (
  select l.id, m.grid_id as old,
         (select g.id from grid g where g.valid_to is null and g.geom && m.home
          and ST_Intersects(g.geom, m.home) order by g.id limit 1) as new
  from (select id from member where grid_id in (select unnest($1::integer[]))
        except select id from member_inside) l
  join member m on m.id = l.id
  where (select count(*) from member where grid_id = any ($1::integer[]))
        <> (select count(*) from member_inside where old = any ($1::integer[]))
),
-- Only the rows whose grid changes are written: no dead rows when nobody moves.
members_moved as (
  update member m
  set grid_id = t.new
  from (select * from member_inside union all select * from member_left) t
  where m.id = t.id and t.old is distinct from t.new
  returning t.old, t.new
),
-- Facilities the same way as members (a few thousand in a city, so the difference is always taken).
facility_inside as (
  select f.id, min(f.grid_id) as old, min(g.id) as new
  from changed g join facility f on f.geom && g.geom and ST_Intersects(g.geom, f.geom)
  where g.valid_to is null
  group by f.id
),
facility_left as (
  select l.id, f.grid_id as old,
         (select g.id from grid g where g.valid_to is null and g.geom && f.geom
          and ST_Intersects(g.geom, f.geom) order by g.id limit 1) as new
  from (select id from facility where grid_id in (select unnest($1::integer[]))
        except select id from facility_inside) l
  join facility f on f.id = l.id
),
facility_targets as (select * from facility_inside union all select * from facility_left),
facilities_moved as (
  update facility f
  set grid_id = t.new
  from facility_targets t
  where f.id = t.id and t.old is distinct from t.new
  returning t.old, t.new
)
select 'member' as kind, old as from_id, new as to_id, count(*)::integer as n
from members_moved group by old, new
union all
select 'facility', old, new, count(*)::integer
from facilities_moved group by old, new;
