-- Sets grids' households after a border move (estimated by area share, see impact-totals.sql), in
-- the grid and in the version the change just wrote, so the history shows what the grid holds.
-- $1 integer[] grid ids; $2 integer[] households, in the same order. Output: none.
with next as (
  select * from unnest($1::integer[], $2::integer[]) as n (id, households)
),
updated as (
  update grid g set households = next.households
  from next where g.id = next.id
  returning g.id, g.version, g.households
)
update grid_version v set households = u.households
from updated u
where v.grid_id = u.id and v.version = u.version;
