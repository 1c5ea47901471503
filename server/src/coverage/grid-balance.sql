-- Each current grid of a region against its community's even share: households, population,
-- where the households come from (buildings where the community has any, else the typed estimate)
-- and the community's households and grid count, for the deviation. Aggregates only, no geometry.
-- $1 text: region code (codes nest by prefix). Output: id, code, name, community_code, households,
-- population, households_source ('buildings' | 'estimate'), community_households (bigint as float8),
-- community_grids (int); rows in grid code order.
with g as (
  select id, code, name, community_code, households, population
  from grid
  where valid_to is null and code like $1 || '%'
),
built as (
  select c.community_code from (select distinct community_code from g) c
  where exists (select 1 from building b where b.community_code = c.community_code)
)
select g.id, g.code, g.name, g.community_code, g.households, g.population,
       case when built.community_code is null then 'estimate' else 'buildings' end as households_source,
       (sum(g.households) over w)::float8 as community_households,
       (count(*) over w)::int as community_grids
from g
left join built on built.community_code = g.community_code
window w as (partition by g.community_code)
order by g.code;
