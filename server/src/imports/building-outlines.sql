-- The stored outlines of buildings, for the map preview of rows that keep them.
-- $1 integer[]: building ids. Output: id, geometry (GeoJSON Polygon, WGS84, counter-clockwise).
select b.id, ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 7)::json as geometry
from building b
where b.id = any($1::integer[]);
