-- $1 text: community code. Output: name (no row when there is no such community).
select name from region where code = $1 and level = 'community';
