-- Outlines of imported grids for the dry run's map: each shape it would store, simplified to
-- about $2 degrees (topology kept) and written to 6 decimals (about 10 cm), outer rings
-- counter-clockwise (RFC 7946).
-- $1 json: array of {row, geometry (GeoJSON text)}; $2 float8: simplification tolerance (degrees).
-- Output: row_no, geometry (GeoJSON json), by row.
select r."row" as row_no,
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(ST_GeomFromGeoJSON(r.geometry), $2::float8)), 6)::json as geometry
from json_to_recordset($1::json) as r("row" integer, geometry text)
order by r."row";
