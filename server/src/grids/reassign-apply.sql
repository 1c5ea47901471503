-- Writes the moves reassign-find.sql found: only the rows whose grid changes (no dead rows when
-- nobody moves), and only where the row still has the grid it was found with.
-- $1 text[] kind ('member'|'facility'), $2 integer[] id, $3 integer[] old grid, $4 integer[] new
-- grid (null = none), element by element. Output: kind, from_id, to_id, n (how many moved from
-- one grid to the other).
with moves as (
  select * from unnest($1::text[], $2::integer[], $3::integer[], $4::integer[]) as t(kind, id, old, new)
),
members_moved as (
  update member m
  set grid_id = t.new
  from moves t
  where t.kind = 'member' and m.id = t.id and m.grid_id is not distinct from t.old
  returning t.old, t.new
),
facilities_moved as (
  update facility f
  set grid_id = t.new
  from moves t
  where t.kind = 'facility' and f.id = t.id and f.grid_id is not distinct from t.old
  returning t.old, t.new
)
select 'member' as kind, old as from_id, new as to_id, count(*)::integer as n
from members_moved group by old, new
union all
select 'facility', old, new, count(*)::integer
from facilities_moved group by old, new;
