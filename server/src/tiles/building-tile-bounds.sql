-- The extent of the buildings inside a scope in WGS84 degrees, for the buildings layer's TileJSON
-- `bounds`. $1 text: scope code (community codes start with it). Output: west, south, east, north
-- (null when there is no building).
select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north
from (select ST_Extent(geom)::geometry as e from building where community_code like $1::text || '%') x;
