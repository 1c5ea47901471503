-- Places the planned demo cases (demo-case-plan.ts) for this transaction: each in the current grid
-- its pick names (the grids whose code starts with prefix, in code order, the one at u of the way),
-- at a point inside it drawn from its seed; a duplicate near the case it repeats (dx, dy metres
-- away, or on the same point where that leaves the grid); and the grid a 转派 hands it to (the
-- next grid of its community in code order, else the next in the district).
-- $1 json: [{idx, prefix, u, seed, base, dx, dy}]. Output: none; fills the temp table
-- demo_case_place (idx, grid_id, target_id, geom), dropped at commit.
create temp table demo_case_place on commit drop as
with spec as (
  select * from json_to_recordset($1::json) as s(idx integer, prefix text, u float8, seed integer, base integer, dx float8, dy float8)
),
pool as (
  select s.prefix, count(*) as n
  from (select distinct prefix from spec) s
  join grid g on g.valid_to is null and g.code like s.prefix || '%'
  group by s.prefix
),
chosen as (
  select s.*, g.id as grid_id, g.code, g.community_code, g.geom as grid_geom
  from spec s
  join pool p on p.prefix = s.prefix
  cross join lateral (
    select id, code, community_code, geom from grid
    where valid_to is null and code like s.prefix || '%'
    order by code
    offset least(floor(s.u * p.n)::bigint, p.n - 1)
    limit 1
  ) g
),
own as (
  select c.*, case when c.base is null then ST_GeometryN(ST_GeneratePoints(c.grid_geom, 1, c.seed), 1) end as point
  from chosen c
)
select o.idx, o.grid_id,
       coalesce(
         (select id from grid where valid_to is null and community_code = o.community_code and code > o.code order by code limit 1),
         (select id from grid where valid_to is null and community_code = o.community_code and code < o.code order by code limit 1),
         (select id from grid where valid_to is null and code > o.code order by code limit 1),
         (select id from grid where valid_to is null and code < o.code order by code limit 1)) as target_id,
       coalesce(o.point, case when ST_Intersects(o.grid_geom, moved.geom) then moved.geom else b.point end) as geom
from own o
left join own b on b.idx = o.base
left join lateral (
  select ST_Translate(b.point, o.dx / (111320 * cos(radians(ST_Y(b.point)))), o.dy / 110540) as geom
) moved on b.point is not null;
