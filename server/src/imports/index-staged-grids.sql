-- A spatial index on the staged grids, so checking a district's worth of them against each other
-- is not a comparison of every pair. Output: none.
create index on import_grid using gist (geom);
