-- The grid and station figures of migration 008 from the members' stored grid and reach, after
-- a bulk load that set both. Output: none.
select rebuild_coverage_figures();
