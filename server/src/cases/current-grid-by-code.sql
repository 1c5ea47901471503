-- A current grid by code. $1 text: grid code. Output: id, code, name (no row when unknown or retired).
select id, code, name from grid where code = $1 and valid_to is null;
