-- Deletes a facility. $1 integer id. Output: id, name (no row when unknown).
delete from facility where id = $1 returning id, name;
