-- Stations whose name or address contains the text (a road: 塘南路), streets, communities and
-- grids whose name contains it (any case) or whose code starts with it, or whose pinyin key
-- (search_pinyin, migration 016: full pinyin and initials; a station's address too) contains the
-- typed letters (shenglimen, slm), ranked: stations, then streets and communities, then grids;
-- within a type shorter names first, then by name.
-- $1 text: the search text with LIKE wildcards escaped; $2 integer: limit; $3 text|null: the
-- text as pinyin letters (lower case, no spaces), null when it is not made of letters.
-- Output: type, id, code, name, context, lng, lat (a point on it, WGS84).
--
-- Each branch keeps only its first $2 rows in rank order, so a common text (社区 matches almost
-- every community and grid) reads a few rows along the (length(name), name) indexes and a rare
-- one goes through the trigram or code-prefix index (migration 007); the point on a region or
-- grid is worked out for the final rows only.
with hits as (
  (select 0 as rank, 'facility' as type, f.id::text as id, f.name
   from facility f
   where f.public and (lower(f.name) like '%' || lower($1) || '%' or lower(f.address) like '%' || lower($1) || '%')
   order by length(f.name), f.name limit $2)
  union all
  (select 0, 'facility', f.id::text, f.name
   from facility f
   where $3::text is not null and f.public and f.search_pinyin like '%' || $3::text || '%'
   order by length(f.name), f.name limit $2)
  union all
  (select 1, r.level, r.code, r.name
   from region r
   where r.level in ('street', 'community') and lower(r.name) like '%' || lower($1) || '%'
   order by length(r.name), r.name limit $2)
  union all
  (select 1, r.level, r.code, r.name
   from region r
   where $3::text is not null and r.level in ('street', 'community') and r.search_pinyin like '%' || $3::text || '%'
   order by length(r.name), r.name limit $2)
  union all
  (select 1, r.level, r.code, r.name
   from region r
   where $1 ~ '^[0-9]+$' and r.level in ('street', 'community') and r.code like $1 || '%'
   order by length(r.name), r.name limit $2)
  union all
  (select 2, 'grid', g.id::text, g.name
   from grid g
   where g.valid_to is null and lower(g.name) like '%' || lower($1) || '%'
   order by length(g.name), g.name limit $2)
  union all
  (select 2, 'grid', g.id::text, g.name
   from grid g
   where $3::text is not null and g.valid_to is null and g.search_pinyin like '%' || $3::text || '%'
   order by length(g.name), g.name limit $2)
  union all
  (select 2, 'grid', g.id::text, g.name
   from grid g
   where $1 ~ '^[0-9]+$' and g.valid_to is null and g.code like $1 || '%'
   order by length(g.name), g.name limit $2)
),
top as (
  select distinct on (rank, length(name), name, type, id) rank, type, id, name
  from hits
  order by rank, length(name), name, type, id
  limit $2
)
select t.type, t.id, x.code, t.name, x.context, ST_X(x.point) as lng, ST_Y(x.point) as lat
from top t
cross join lateral (
  select null::text as code, coalesce(f.address, '') as context, f.geom as point
  from facility f where t.type = 'facility' and f.id = t.id::integer
  union all
  select r.code, coalesce(p.name, ''), ST_PointOnSurface(r.geom)
  from region r left join region p on p.code = r.parent_code
  where t.type in ('street', 'community') and r.code = t.id
  union all
  select g.code, c.name, ST_PointOnSurface(g.geom)
  from grid g join region c on c.code = g.community_code
  where t.type = 'grid' and g.id = t.id::integer
) x
order by t.rank, length(t.name), t.name, t.type, t.id;
