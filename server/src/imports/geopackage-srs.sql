-- One coordinate system of a GeoPackage (SQLite). ?: srs_id. Output: name, organization (e.g.
-- EPSG), code (the organisation's id), definition (OGC WKT, or 'undefined').
select srs_name as name, organization, organization_coordsys_id as code, definition
from gpkg_spatial_ref_sys
where srs_id = ?;
