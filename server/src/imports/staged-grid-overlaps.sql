-- Pairs of valid staged grids that overlap each other by more than $1 m² (float8: the overlap
-- allowance, grid-rules.ts). Output: first_row, second_row, area_sqm.
select a.row_no as first_row, b.row_no as second_row, round(ST_Area(ST_Intersection(a.geom, b.geom)::geography)::numeric, 1) as area_sqm
from import_grid a
join import_grid b on a.row_no < b.row_no and a.geom && b.geom
where a.valid and b.valid and ST_Intersects(a.geom, b.geom)
  and ST_Area(ST_Intersection(a.geom, b.geom)::geography) > $1::float8
order by b.row_no, a.row_no;
