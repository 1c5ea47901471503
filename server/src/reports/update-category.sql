-- Saves a category's name, promised days and whether reports may choose it; cases keep the
-- deadlines they were given. $1 text: id; $2 text: name; $3 integer: accept_days;
-- $4 integer: close_days; $5 boolean: active. Output: id, name, accept_days, close_days, active.
update case_category
set name = $2, accept_days = $3, close_days = $4, active = $5
where id = $1
returning id, name, accept_days, close_days, active;
