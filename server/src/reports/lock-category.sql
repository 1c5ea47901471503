-- One category, locked for an update. $1 text: id. Output: id, name, accept_days, close_days, active.
select id, name, accept_days, close_days, active
from case_category
where id = $1
for update;
