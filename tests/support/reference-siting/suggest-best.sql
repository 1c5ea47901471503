-- The candidate site that reaches the most members not reached yet, and takes them off the list.
-- $1 float8 radius in metres. Output: id, code, name, lng, lat, adds (no row when none adds any).
with best as (
  select c.id, c.code, c.name, c.site, c.pt, count(d.id)::integer as adds
  from suggest_candidate c
  join suggest_demand d on ST_DWithin(d.pt, c.pt, $1)
  group by c.id, c.code, c.name, c.site, c.pt
  order by adds desc, c.code
  limit 1
),
taken as (
  delete from suggest_demand d using best b where ST_DWithin(d.pt, b.pt, $1)
  returning d.id
)
select b.id, b.code, b.name, ST_X(b.site) as lng, ST_Y(b.site) as lat, b.adds, (select count(*) from taken)::integer as taken
from best b;
