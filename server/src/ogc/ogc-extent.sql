-- The spatial extent of every collection. Output: id, minx, miny, maxx, maxy.
select 'regions' as id, ST_XMin(e) as minx, ST_YMin(e) as miny, ST_XMax(e) as maxx, ST_YMax(e) as maxy
from (select ST_Extent(geom) as e from region) r
union all
select 'grids', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom) as e from grid where valid_to is null) g
union all
select 'facilities', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom) as e from facility where public) f;
