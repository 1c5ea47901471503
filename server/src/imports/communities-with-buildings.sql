-- Which of the given communities have buildings (their grids' households and population come
-- from them, so a file's typed figures are not taken). $1 text[]: community codes.
-- Output: community_code, one row for each that has any building.
select distinct community_code from building where community_code = any ($1::text[]);
