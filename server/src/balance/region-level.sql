-- A region's level. $1 text region code. Output: level (no row when there is no such region).
select level from region where code = $1;
