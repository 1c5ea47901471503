-- The report categories, in the order the report page lists them. $1 boolean: include inactive ones.
-- Output: id, name, accept_days, close_days, active.
select id, name, accept_days, close_days, active
from case_category
where active or $1::boolean
order by sort_order, id;
