-- Members per fixed hexagon cell of the caller's whole region, never a person: the counts come
-- pre-binned from member_cell (kept current by the writes), cells with fewer than $6 members are
-- withheld, and `suppressed` and `total` are figures of the region, not of the box. The box only
-- chooses which of the region's cells come back, so no set of boxes isolates a member.
-- Cells are flat-topped hexagons, $5 metres corner to corner, on the fixed coverage plane
-- (lng0, lat0, k: x = (lng - lng0) × 111320 × k, y = (lat - lat0) × 110574 metres).
-- $1..$4 float8 bbox; $5 integer cell size (250 or 1000); $6 integer minimum count;
-- $7 text region scope. Output: one row: suppressed, total, lng0, lat0, k, and cells, the cells
-- shown as text "q r n,q r n,…" (null when none): one value to read instead of tens of thousands
-- of rows for a city.
with counts as (
  select mc.q, mc.r, sum(mc.n)::integer as n
  from member_cell mc join grid g on g.id = mc.grid_id
  where mc.size = $5 and g.valid_to is null and g.code like $7 || '%'
  group by mc.q, mc.r
),
figures as (
  select coalesce(sum(n) filter (where n < $6), 0)::integer as suppressed, coalesce(sum(n), 0)::integer as total
  from counts
)
select f.suppressed, f.total, p.lng0, p.lat0, p.k,
       (select string_agg(c.q || ' ' || c.r || ' ' || c.n, ',' order by c.q, c.r)
        from counts c
        where c.n >= $6
          and p.lng0 + $5 / 2.0 * 1.5 * c.q / (111320 * p.k) between $1 and $3
          and p.lat0 + $5 / 2.0 * sqrt(3) * (c.r + c.q / 2.0) / 110574 between $2 and $4) as cells
from figures f
cross join coverage_plane p;
