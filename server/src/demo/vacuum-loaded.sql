-- After a bulk load, outside its transaction: clears the member rows that setting every member's
-- grid and reach left behind (one dead row per member until autovacuum comes, which doubles what
-- a reassignment or a per-grid count reads), likewise the building and grid rows that placing the
-- buildings rewrote, and takes statistics for the coverage figures the load just rebuilt. Output: none.
vacuum (analyze) member, grid_coverage, member_cell, area_cell, building, grid;
