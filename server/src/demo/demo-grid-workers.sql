-- The communities the demo grid workers serve: the first two communities of the district's first
-- street (胜利门社区 and 连元街社区 in the demo district), with the codes of their first two current
-- grids. Output: community (12-digit code), communityName, gridCodes text[] (in code order).
with district as (
  select code from region where level = 'district' order by code limit 1
),
street as (
  select r.code from region r, district d where r.parent_code = d.code order by r.code limit 1
),
communities as (
  select r.code, r.name from region r, street s where r.parent_code = s.code order by r.code limit 2
)
select c.code as community, c.name as "communityName",
       array(select g.code from grid g where g.community_code = c.code and g.valid_to is null order by g.code limit 2) as "gridCodes"
from communities c
order by c.code;
