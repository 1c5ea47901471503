-- The case categories the demo cases draw from, with their promised days. Output: id, acceptDays, closeDays.
select id, accept_days as "acceptDays", close_days as "closeDays"
from case_category where active order by sort_order, id;
