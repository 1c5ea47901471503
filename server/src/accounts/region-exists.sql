-- $1 text: region code. Output: name (no row when unknown).
select name from region where code = $1;
