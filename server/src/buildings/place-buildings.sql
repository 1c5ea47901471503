-- Puts every building of the given communities in the current grid holding its anchor (the
-- lowest id where two grids share a border; null: none), then sets the households and population
-- of those communities' current grids to their buildings' sums, in the grid and its current
-- version. For loads and imports, which change many buildings at once.
-- $1 text[]: community codes. Output: buildings (how many changed grid).
with placed as (
  select b.id,
         (select g.id from grid g where g.valid_to is null and g.geom && b.anchor
          and ST_Intersects(g.geom, b.anchor) order by g.id limit 1) as grid_id
  from building b
  where b.community_code = any ($1::text[])
),
moved as (
  update building b set grid_id = p.grid_id
  from placed p
  where b.id = p.id and b.grid_id is distinct from p.grid_id
  returning b.id
),
sums as (
  select g.id, coalesce(sum(b.households), 0)::integer as households, coalesce(sum(b.population), 0)::integer as population
  from grid g
  left join placed p on p.grid_id = g.id
  left join building b on b.id = p.id
  where g.community_code = any ($1::text[]) and g.valid_to is null
    and exists (select 1 from building x where x.community_code = g.community_code)
  group by g.id
),
updated as (
  update grid g set households = s.households, population = s.population
  from sums s
  where g.id = s.id and (g.households, g.population) is distinct from (s.households, s.population)
  returning g.id, g.version, g.households, g.population
),
versions as (
  update grid_version v set households = u.households, population = u.population
  from updated u
  where v.grid_id = u.id and v.version = u.version
)
select count(*)::integer as buildings from moved;
