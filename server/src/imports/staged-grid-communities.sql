-- The communities the staged grids fall in, in code order (the order their locks are taken).
-- Output: code.
select distinct community_code as code from import_grid where community_code is not null order by 1;
