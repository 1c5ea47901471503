-- Sets the households and population of current grids whose community has buildings to the sums
-- of their buildings, in the grid and in its current version (so the history holds the exact
-- figures the change left). Grids of communities without buildings keep their typed figures.
-- $1 integer[]: grid ids. Output: none.
with sums as (
  select g.id, coalesce(sum(b.households), 0)::integer as households, coalesce(sum(b.population), 0)::integer as population
  from grid g
  left join building b on b.grid_id = g.id
  where g.id = any ($1::integer[]) and g.valid_to is null
    and exists (select 1 from building x where x.community_code = g.community_code)
  group by g.id
),
updated as (
  update grid g set households = s.households, population = s.population
  from sums s
  where g.id = s.id and (g.households, g.population) is distinct from (s.households, s.population)
  returning g.id, g.version, g.households, g.population
)
update grid_version v set households = u.households, population = u.population
from updated u
where v.grid_id = u.id and v.version = u.version;
