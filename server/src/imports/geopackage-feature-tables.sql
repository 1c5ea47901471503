-- The feature tables of a GeoPackage (SQLite) in the order gpkg_contents lists them, with their
-- geometry column, its type name in capitals and its srs_id. Tables only: a view named in
-- gpkg_contents is left out (it can make any number of rows from a small file).
select c.table_name as "table", g.column_name as "column", upper(g.geometry_type_name) as type, g.srs_id as "srsId"
from gpkg_contents c
join gpkg_geometry_columns g on g.table_name = c.table_name
join sqlite_master m on m.type = 'table' and m.name = c.table_name
where c.data_type = 'features'
order by c.rowid;
