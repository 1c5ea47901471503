-- Members per fixed hexagon cell of the caller's whole region, never a person: the counts come
-- pre-binned from member_cell (kept current by the writes), cells with fewer than $6 members are
-- withheld, and `suppressed` and `total` are figures of the region, not of the box. The box only
-- chooses which of the region's cells come back, so no set of boxes isolates a member.
-- Cells are flat-topped hexagons, $5 metres corner to corner, on the fixed coverage plane.
-- $1..$4 float8 bbox; $5 integer cell size (250 or 1000); $6 integer minimum count;
-- $7 text region scope. Output: cells text (JSON FeatureCollection), suppressed, total integer.
with p as (select * from coverage_plane),
counts as (
  select mc.q, mc.r, sum(mc.n)::integer as n
  from member_cell mc join grid g on g.id = mc.grid_id
  where mc.size = $5 and g.valid_to is null and g.code like $7 || '%'
  group by mc.q, mc.r
),
shown as (
  select c.q, c.r, c.n, s.cx, s.cy, p.lng0 + s.cx / (111320 * p.k) as lng, p.lat0 + s.cy / 110574 as lat
  from counts c
  cross join lateral (select $5 / 2.0 * 1.5 * c.q as cx, $5 / 2.0 * sqrt(3) * (c.r + c.q / 2.0) as cy) s
  cross join p
  where c.n >= $6
)
select json_build_object('type', 'FeatureCollection', 'features', coalesce((
  select json_agg(json_build_object(
    'type', 'Feature',
    'geometry', json_build_object('type', 'Polygon', 'coordinates', json_build_array((
      select json_agg(json_build_array(
        round((p.lng0 + (s.cx + $5 / 2.0 * cos(radians(60 * i))) / (111320 * p.k))::numeric, 6),
        round((p.lat0 + (s.cy + $5 / 2.0 * sin(radians(60 * i))) / 110574)::numeric, 6)) order by i)
      from generate_series(0, 6) i))),
    'properties', json_build_object('count', s.n, 'q', s.q, 'r', s.r,
      'lng', round(s.lng::numeric, 6), 'lat', round(s.lat::numeric, 6))) order by s.q, s.r)
  from shown s, p
  where s.lng between $1 and $3 and s.lat between $2 and $4
), '[]'::json))::text as cells,
  (select coalesce(sum(n), 0) from counts where n < $6)::integer as suppressed,
  (select coalesce(sum(n), 0) from counts)::integer as total;
