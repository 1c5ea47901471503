-- $1 integer: grid id. Output: code (no row when unknown or retired).
select code from grid where id = $1 and valid_to is null;
