-- Buildings of a region, one row each, for the Shapefile, CSV and GeoPackage exports.
-- $1 text: region code (community codes start with it); $2 text: 'shp', 'csv' or 'gpkg', the
-- geometry encoding to compute. Output: id (the key an import matches on: the building's own
-- key, else our id), name, community, households, population, grid (code, null: in no grid),
-- shape text|null (shp: GeoJSON MultiPolygon, 9 decimals, outer rings clockwise; gpkg: the same,
-- counter-clockwise), wkt text|null (csv: full precision).
select coalesce(b.ext_key, b.id::text) as id, b.name, b.community_code as community, b.households, b.population,
       g.code as grid,
       case when $2::text = 'shp' then ST_AsGeoJSON(ST_Multi(ST_ForcePolygonCW(b.geom)), 9)
            when $2::text = 'gpkg' then ST_AsGeoJSON(ST_Multi(ST_ForcePolygonCCW(b.geom)), 9) end as shape,
       case when $2::text = 'csv' then ST_AsText(b.geom) end as wkt
from building b
left join grid g on g.id = b.grid_id
where b.community_code like $1::text || '%'
order by b.community_code, b.id;
