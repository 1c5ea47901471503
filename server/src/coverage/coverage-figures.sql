-- The KPIs of a region from the kept aggregates: grids, members, households, and who the public
-- Party service centres and stations reach within one of the offered radii. Members count as
-- reached by their own distance (member.reach_m); households by the reached share of each grid's
-- 250 m cells (its centre when no cell centre falls inside it).
-- $1 text region code; $2 integer radius (500, 1000 or 1500).
-- Output: grids, grids_with_branch, grids_without_members, members, floating, households,
-- reached_members, reached_households, member_distance_sum (members × centre distance to a station).
with g as (
  select g.id, g.households, c.*
  from grid g join grid_coverage c on c.grid_id = g.id
  where g.valid_to is null and g.code like $1 || '%'
),
cells as (
  select a.grid_id, count(*) as n, count(*) filter (where a.reach_m <= $2) as reached
  from area_cell a join g on g.id = a.grid_id
  group by a.grid_id
)
select count(*)::integer as grids,
       count(*) filter (where g.has_branch)::integer as grids_with_branch,
       count(*) filter (where g.members = 0)::integer as grids_without_members,
       coalesce(sum(g.members), 0)::integer as members,
       coalesce(sum(g.floating), 0)::integer as floating,
       coalesce(sum(g.households), 0)::integer as households,
       coalesce(sum(case $2::integer when 500 then g.reached_500 when 1000 then g.reached_1000 else g.reached_1500 end), 0)::integer
         as reached_members,
       coalesce(round(sum(g.households * case when cells.n > 0 then cells.reached::float8 / cells.n
                                              when g.centre_reach_m <= $2 then 1 else 0 end)), 0)::integer as reached_households,
       coalesce(sum(g.members * coalesce(g.nearest_station_m, 0)), 0)::float8 as member_distance_sum
from g left join cells on cells.grid_id = g.id;
