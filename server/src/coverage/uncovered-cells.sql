-- The part of a region no public centre or station reaches within a radius, as the 250 m cells
-- of its grids whose centre is farther than that (one MultiPolygon, cells not merged).
-- $1 text region code; $2 integer radius. Output: uncovered text (GeoJSON geometry, or null).
with p as (select * from coverage_plane),
u as (
  select 125 * 1.5 * a.q as cx, 125 * sqrt(3) * (a.r + a.q / 2.0) as cy
  from area_cell a join grid g on g.id = a.grid_id
  where g.valid_to is null and g.code like $1 || '%' and (a.reach_m is null or a.reach_m > $2)
)
select json_build_object('type', 'MultiPolygon', 'coordinates', json_agg(json_build_array((
         select json_agg(json_build_array(
                  round((p.lng0 + (u.cx + 125 * cos(radians(60 * i))) / (111320 * p.k))::numeric, 6),
                  round((p.lat0 + (u.cy + 125 * sin(radians(60 * i))) / 110574)::numeric, 6)) order by i)
         from generate_series(0, 6) i))))::text as uncovered
from u, p
having count(*) > 0;
