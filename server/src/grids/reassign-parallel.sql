-- Lets the planner share the next statements among parallel workers however small it estimates
-- them, with room to count in memory ($1 true), or restores the server's settings ($1 false); for
-- the rest of the transaction. The reassignment's join is estimated at a few thousand rows where
-- it reads a city's homes, so the default costs never choose workers for it.
-- Output: the settings' new values.
select set_config(s.name, case when $1::boolean then s.value else p.reset_val end, true) as value
from (values ('parallel_setup_cost', '0'),
             ('min_parallel_table_scan_size', '0'), ('work_mem', '64MB')) as s(name, value)
join pg_settings p using (name);
