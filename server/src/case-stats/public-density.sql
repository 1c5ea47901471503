-- Closed cases per fixed hexagon cell, for everyone: never a case, never for a box. Cells are the
-- member heatmap's (flat-topped hexagons $3 metres corner to corner on the fixed coverage plane),
-- each case binned by the same cube rounding member_cell uses (008_coverage_aggregates.sql);
-- cells with fewer than $4 cases are withheld, `suppressed` and `total` are figures of the region.
-- $1 text region code (prefix of the case's grid code; '' for all); $2 text category id or null
-- for all; $3 integer cell size (250 or 1000); $4 integer minimum count; $5 timestamptz closed
-- since; $6 timestamptz now. Counts cases whose status is closed or rated with closed_at in [$5, $6].
-- Output: one row as heatmap.sql answers: suppressed, total, lng0, lat0, k, and cells as text
-- "q r n,q r n,…" (null when none); no row when the plane has not been laid yet.
with xy as (
  select (ST_X(c.geom) - p.lng0) * 111320 * p.k as x, (ST_Y(c.geom) - p.lat0) * 110574 as y
  from civic_case c
  join grid g on g.id = c.grid_id
  cross join coverage_plane p
  where g.code like $1 || '%' and c.status in ('closed', 'rated')
    and c.closed_at >= $5 and c.closed_at <= $6
    and ($2::text is null or c.category_id = $2)
),
axial as (
  select (2.0 / 3 * x) / ($3::integer / 2.0) as qf, (-x / 3 + sqrt(3) / 3 * y) / ($3::integer / 2.0) as rf from xy
),
rounded as (
  select round(qf) as rq, round(rf) as rr, round(-qf - rf) as rs,
         abs(round(qf) - qf) as dq, abs(round(rf) - rf) as dr, abs(round(-qf - rf) + qf + rf) as ds
  from axial
),
counts as (
  select (case when dq > dr and dq > ds then -rr - rs else rq end)::integer as q,
         (case when dq > dr and dq > ds then rr when dr > ds then -rq - rs else rr end)::integer as r,
         count(*)::integer as n
  from rounded
  group by 1, 2
)
select coalesce((select sum(n) from counts where n < $4), 0)::integer as suppressed,
       coalesce((select sum(n) from counts), 0)::integer as total,
       p.lng0, p.lat0, p.k,
       (select string_agg(c.q || ' ' || c.r || ' ' || c.n, ',' order by c.q, c.r) from counts c where c.n >= $4) as cells
from coverage_plane p;
