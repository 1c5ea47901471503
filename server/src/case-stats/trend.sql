-- Cases of a region per week, counted from the case events.
-- $1 text region code (prefix of the case's grid code, retired grids included);
-- $2 timestamptz[] the weeks' starts (Monday 00:00 China time), ascending; $3 timestamptz now.
-- Cases reported from 180 days before the first week on; those with a `merged` event are not
-- counted. Per week [start, start + 7 days):
--   reported  cases created in the week;
--   closed    cases whose first `closed` event lies in the week;
--   overdue   cases whose close_deadline lies in the week and before $3, with no `rejected`
--             event, and no `closed` event at or before the deadline.
-- Output: one row per week, ascending: week_start, reported, closed, overdue.
with weeks as (
  select w as start, w + interval '7 days' as stop from unnest($2::timestamptz[]) w
),
cases as (
  select c.id, c.created_at, c.close_deadline
  from civic_case c
  join grid g on g.id = c.grid_id
  where g.code like $1 || '%' and c.created_at < $3
    and c.created_at >= (select min(start) - interval '180 days' from weeks)
),
timings as (
  select c.*,
         (select min(e.at) from case_event e where e.case_id = c.id and e.kind = 'closed' and e.at <= $3) as closed,
         exists (select 1 from case_event e where e.case_id = c.id and e.kind = 'rejected' and e.at <= $3) as refused,
         exists (select 1 from case_event e where e.case_id = c.id and e.kind = 'merged' and e.at <= $3) as merged
  from cases c
)
select w.start as week_start,
       (select count(*) from timings t where not t.merged and t.created_at >= w.start and t.created_at < w.stop)::integer as reported,
       (select count(*) from timings t where not t.merged and t.closed >= w.start and t.closed < w.stop)::integer as closed,
       (select count(*) from timings t
        where not t.merged and not t.refused and t.close_deadline >= w.start and t.close_deadline < w.stop
          and t.close_deadline < $3 and (t.closed is null or t.closed > t.close_deadline))::integer as overdue
from weeks w
order by w.start;
