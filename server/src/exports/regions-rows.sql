-- A region and every region below it, one row each, for the Shapefile, CSV and GeoPackage exports.
-- $1 text: region code; $2 text: 'shp', 'csv' or 'gpkg', the geometry encoding to compute.
-- Output: code, name, level, parent, shape text|null (shp: GeoJSON MultiPolygon, 9 decimals,
-- outer rings clockwise; gpkg: counter-clockwise), wkt text|null (csv: full precision).
select r.code, r.name, r.level, r.parent_code as parent,
       case when $2::text = 'shp' then ST_AsGeoJSON(ST_ForcePolygonCW(r.geom), 9)
            when $2::text = 'gpkg' then ST_AsGeoJSON(ST_ForcePolygonCCW(r.geom), 9) end as shape,
       case when $2::text = 'csv' then ST_AsText(r.geom) end as wkt
from region r
where r.code like $1::text || '%'
order by r.code;
