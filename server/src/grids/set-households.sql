-- Sets grids' households and population after a border move (estimated by area share, see
-- impact-totals.sql), in the grid and in the version the change just wrote, so the history shows
-- what the grid holds. $1 integer[] grid ids; $2 integer[] households; $3 integer[] population,
-- in the same order. Output: none.
with next as (
  select * from unnest($1::integer[], $2::integer[], $3::integer[]) as n (id, households, population)
),
updated as (
  update grid g set households = next.households, population = next.population
  from next where g.id = next.id
  returning g.id, g.version, g.households, g.population
)
update grid_version v set households = u.households, population = u.population
from updated u
where v.grid_id = u.id and v.version = u.version;
