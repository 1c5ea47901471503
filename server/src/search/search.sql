-- Stations, streets, communities and grids whose name contains the text or whose code starts
-- with it. $1 text: the search text with LIKE wildcards escaped; $2 integer: limit.
-- Output: type, id, code, name, context, lng, lat (a point on it, WGS84).
with hits as (
  select 'facility' as type, f.id::text as id, null::text as code, f.name,
         coalesce(f.address, '') as context, f.geom as point, 0 as rank
  from facility f
  where f.public and f.name ilike '%' || $1 || '%'
  union all
  select r.level, r.code, r.code, r.name, coalesce(p.name, ''), ST_PointOnSurface(r.geom), 1
  from region r left join region p on p.code = r.parent_code
  where r.level <> 'district' and (r.name ilike '%' || $1 || '%' or r.code like $1 || '%')
  union all
  select 'grid', g.id::text, g.code, g.name, c.name, ST_PointOnSurface(g.geom), 2
  from grid g join region c on c.code = g.community_code
  where g.valid_to is null and (g.name ilike '%' || $1 || '%' or g.code like $1 || '%')
)
select type, id, code, name, context, ST_X(point) as lng, ST_Y(point) as lat
from hits
order by rank, length(name), name
limit $2;
