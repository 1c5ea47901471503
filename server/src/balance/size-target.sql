-- The size target that applies to each of the given communities: its own row of grid_size_target,
-- else its street's, else its district's (no row: none, and the caller uses the default).
-- $1 text[]: community codes. Output: community_code, min, max, max_deviation (float8), from_code
-- (null where no region on the way up has a target).
select c.code as community_code, t.households_min as min, t.households_max as max,
       t.max_deviation::float8 as max_deviation, t.region_code as from_code
from unnest($1::text[]) as c (code)
left join lateral (
  select * from grid_size_target t
  where t.region_code in (c.code, left(c.code, 9), left(c.code, 6))
  order by length(t.region_code) desc
  limit 1
) t on true;
