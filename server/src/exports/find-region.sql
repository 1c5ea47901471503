-- The region an export is for.
-- $1 text: region code. Output: code, name, level (no row when there is no such region).
select code, name, level from region where code = $1::text;
