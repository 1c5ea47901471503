-- The union of two grids and the length of the border they share.
-- $1 integer, $2 integer: grid ids; $3 float8: coordinate precision (degrees, grid-rules.ts).
-- Output: geometry text (GeoJSON), shared_border float8 (m).
select ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_ReducePrecision(ST_Union(a.geom, b.geom), $3::float8))), 7) as geometry,
       coalesce(ST_Length(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2)::geography), 0) as shared_border
from grid a, grid b
where a.id = $1 and b.id = $2;
