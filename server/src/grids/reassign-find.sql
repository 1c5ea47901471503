-- Finds the members and facilities whose grid changes after grids changed shape, without writing:
-- a read-only statement, so PostgreSQL may share the join among parallel workers when many grids
-- changed (reassign-members.ts); reassign-apply.sql writes what it finds. Candidates are found
-- through the spatial indexes: whoever was in a changed grid or now lies inside one.
-- $1 integer[]: the grids that changed. Output: kind ('member'|'facility'), id, old (the grid it
-- has), new (the grid it belongs to; null = outside every grid): a row for each one that moves.
with
-- One pass per changed grid over the homes its shape holds (driven by the grids, so each shape
-- is prepared once; a whole city stays one join, counted per grid, never grouped by member): how
-- many of its own members it still holds, and how many homes it takes from no grid or from a
-- higher grid id (the lowest id wins where two grids share a border). Counts only, so parallel
-- workers each count their share of the grids.
member_hits as (
  select g.id as grid,
         count(*) filter (where m.grid_id = g.id) as kept,
         count(*) filter (where m.grid_id is null or g.id < m.grid_id) as taking
  from grid g join member m on m.home && g.geom and ST_Intersects(g.geom, m.home)
  where g.id = any ($1::integer[]) and g.valid_to is null
  group by g.id
),
-- Who those grids take (usually nobody): their homes again, for them alone.
member_taken as (
  select m.id, m.grid_id as old, min(g.id) as new
  from member_hits h
  join grid g on g.id = h.grid
  join member m on m.home && g.geom and ST_Intersects(g.geom, m.home)
  where h.taking > 0 and (m.grid_id is null or g.id < m.grid_id)
  group by m.id, m.grid_id
),
-- Changed grids that no longer hold every member they had, retired ones included. Usually none.
member_losing as (
  select s.grid_id as id
  from (select grid_id, count(*) as n from member where grid_id = any ($1::integer[]) group by grid_id) s
  left join member_hits h on h.grid = s.grid_id
  where s.n <> coalesce(h.kept, 0)
),
-- Their members outside their grid now and not taken by a changed grid: wherever they lie (or no grid).
member_left as (
  select m.id, m.grid_id as old,
         (select g.id from grid g where g.valid_to is null and g.geom && m.home
          and ST_Intersects(g.geom, m.home) order by g.id limit 1) as new
  from member m
  left join grid own on own.id = m.grid_id and own.valid_to is null
  where m.grid_id in (select id from member_losing)
    and (own.id is null or not ST_Intersects(own.geom, m.home))
    and m.id not in (select id from member_taken)
),
-- Facilities (a few thousand in a city): those inside a changed grid, then the rest of the
-- changed grids' facilities, wherever they lie.
facility_inside as (
  select f.id, min(f.grid_id) as old, min(g.id) as new
  from grid g join facility f on f.geom && g.geom and ST_Intersects(g.geom, f.geom)
  where g.id = any ($1::integer[]) and g.valid_to is null
  group by f.id
),
facility_left as (
  select l.id, f.grid_id as old,
         (select g.id from grid g where g.valid_to is null and g.geom && f.geom
          and ST_Intersects(g.geom, f.geom) order by g.id limit 1) as new
  from (select id from facility where grid_id = any ($1::integer[])
        except select id from facility_inside) l
  join facility f on f.id = l.id
)
select 'member' as kind, id, old, new from member_taken
union all
select 'member', id, old, new from member_left where old is distinct from new
union all
select 'facility', id, old, new from facility_inside where old is distinct from new
union all
select 'facility', id, old, new from facility_left where old is distinct from new;
