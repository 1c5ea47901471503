-- Current grids of a region, one row each, for the Shapefile, CSV and GeoPackage exports.
-- $1 text: region code (grid codes start with it); $2 text: 'shp', 'csv' or 'gpkg', the geometry
-- encoding to compute. Output: code, name, community, households, population, leader, phone, version,
-- shape text|null (shp: GeoJSON MultiPolygon, 9 decimals, outer rings clockwise as Shapefiles
-- want; gpkg: the same, counter-clockwise), wkt text|null (csv: full precision).
select g.code, g.name, g.community_code as community, g.households, g.population,
       g.leader_name as leader, g.leader_phone as phone, g.version,
       case when $2::text = 'shp' then ST_AsGeoJSON(ST_ForcePolygonCW(g.geom), 9)
            when $2::text = 'gpkg' then ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 9) end as shape,
       case when $2::text = 'csv' then ST_AsText(g.geom) end as wkt
from grid g
where g.valid_to is null and g.code like $1::text || '%'
order by g.code;
