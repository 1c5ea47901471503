-- Keeps building.grid_id current after grids changed shape (or were retired) in this
-- transaction: a building belongs to the current grid holding its anchor (the lowest id where two
-- grids share a border), like a member's home. Only the buildings that move are written.
-- $1 integer[]: the grids that changed. Output: from_id, to_id (null = no grid), buildings,
-- households, population: one row per pair of grids something moved between.
with candidates as (
  select b.id from building b where b.grid_id = any ($1::integer[])
  union
  select b.id
  from grid g join building b on b.anchor && g.geom and ST_Intersects(g.geom, b.anchor)
  where g.id = any ($1::integer[]) and g.valid_to is null
),
found as (
  select b.id, b.grid_id as old,
         (select g.id from grid g where g.valid_to is null and g.geom && b.anchor
          and ST_Intersects(g.geom, b.anchor) order by g.id limit 1) as new
  from building b join candidates c on c.id = b.id
),
moved as (
  update building b set grid_id = f.new
  from found f
  where b.id = f.id and f.old is distinct from f.new
  returning f.old, f.new, b.households, b.population
)
select old as from_id, new as to_id, count(*)::integer as buildings,
       sum(households)::integer as households, sum(population)::integer as population
from moved
group by old, new;
