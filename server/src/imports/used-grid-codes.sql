-- The highest grid sequence number taken so far (retired grids included) in each community the
-- staged grids fall in. Output: community_code, used integer (0 when none).
select i.community_code, coalesce(max(right(g.code, 3)::integer), 0) as used
from (select distinct community_code from import_grid where community_code is not null) i
left join grid g on g.community_code = i.community_code
group by i.community_code;
