-- Moves the Party organisations of a merged-away grid to the grid that absorbed it.
-- $1 integer absorbed grid; $2 integer surviving grid. Output: none.
update party_org set grid_id = $2 where grid_id = $1;
