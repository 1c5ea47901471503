-- Members per hexagon inside a box, never a person: cells with fewer than $6 members are
-- withheld and only counted in `suppressed`. Hexagons are flat-topped, $5 metres corner to
-- corner, on a local metric plane anchored at the district's centre, so a cell stays put
-- whatever box is asked. Each member falls in exactly one cell (by arithmetic, not by overlay).
-- $1..$4 float8 bbox; $5 float8 cell size in metres; $6 integer minimum count; $7 text region scope.
-- Output: cells text (JSON FeatureCollection), suppressed integer, total integer.
with origin as (
  select ST_X(c) as lng0, ST_Y(c) as lat0, cos(radians(ST_Y(c))) as k
  from (select ST_Centroid(geom) as c from region where level = 'district' order by code limit 1) d
),
p as (
  select (ST_X(m.home) - o.lng0) * 111320 * o.k as x, (ST_Y(m.home) - o.lat0) * 110574 as y
  from member m
  join grid g on g.id = m.grid_id and g.code like $7 || '%'
  cross join origin o
  where m.home && ST_MakeEnvelope($1, $2, $3, $4, 4326)
),
axial as (select (2.0 / 3 * x) / ($5 / 2) as q, (-x / 3 + sqrt(3) / 3 * y) / ($5 / 2) as r from p),
cube as (select q, r, -q - r as s, round(q) as rq, round(r) as rr, round(-q - r) as rs from axial),
hex as (
  select case when abs(rq - q) > abs(rr - r) and abs(rq - q) > abs(rs - s) then -rr - rs else rq end as q,
         case when abs(rq - q) > abs(rr - r) and abs(rq - q) > abs(rs - s) then rr
              when abs(rr - r) > abs(rs - s) then -rq - rs else rr end as r
  from cube
),
counts as (select q, r, count(*)::integer as n from hex group by q, r),
shown as (select * from counts where n >= $6)
select json_build_object('type', 'FeatureCollection', 'features', coalesce((
  select json_agg(json_build_object(
    'type', 'Feature',
    'geometry', json_build_object('type', 'Polygon', 'coordinates', json_build_array((
      select json_agg(json_build_array(
        round((o.lng0 + (cx + $5 / 2 * cos(radians(60 * i))) / (111320 * o.k))::numeric, 7),
        round((o.lat0 + (cy + $5 / 2 * sin(radians(60 * i))) / 110574)::numeric, 7)) order by i)
      from generate_series(0, 6) i))),
    'properties', json_build_object('count', n, 'q', q, 'r', r,
      'lng', round((o.lng0 + cx / (111320 * o.k))::numeric, 7), 'lat', round((o.lat0 + cy / 110574)::numeric, 7))))
  from (select s.*, $5 / 2 * 1.5 * q as cx, $5 / 2 * sqrt(3) * (r + q / 2.0) as cy from shown s) c, origin o
), '[]'::json))::text as cells,
  (select coalesce(sum(n), 0) from counts where n < $6)::integer as suppressed,
  (select coalesce(sum(n), 0) from counts)::integer as total;
