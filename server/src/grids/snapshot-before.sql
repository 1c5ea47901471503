-- Keeps the current shape of the grids a change may touch, to measure what moves. Dropped at
-- commit or rollback. $1 integer[]: grid ids (the community's current grids). Output: none.
create temp table grid_before on commit drop as
select id, geom, households, population from grid where id = any ($1::integer[]);
