-- The next unused grid code of a community: retired grids keep their rows, so a code is never
-- reused. $1 text community code. Output: code (null when all 999 are used).
select case when coalesce(max(right(code, 3)::integer), 0) >= 999 then null
            else $1 || lpad((coalesce(max(right(code, 3)::integer), 0) + 1)::text, 3, '0') end as code
from grid
where community_code = $1;
