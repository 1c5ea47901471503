-- Per-grid scorecard of the cases reported in a period, counted from the case events.
-- $1 text region code (prefix of grid codes); $2 timestamptz period start (inclusive);
-- $3 timestamptz period end (exclusive); $4 timestamptz now (the clock; events after it are ignored).
-- Output: one row per current grid of the region (valid_to is null), in code order:
--   grid_id, grid_code, grid_name, community_code, community_name, cases, accept_due,
--   accepted_on_time, close_due, closed_on_time, median_hours (float8, null when none closed),
--   rated, satisfied, overdue_now.
--
-- Which cases count: those whose grid now (civic_case.grid_id) is the grid, reported
-- (created_at) in [$2, $3), with no `merged` event (a duplicate is not a case of its own).
-- From each case's events at or before $4:
--   answered  = the first `accepted`, `transfer_accepted` or `rejected` event (受理 or 不予受理);
--   closed    = the first `closed` event;
--   refused   = there is a `rejected` event;
--   rating    = details.rating of the last `rated` event.
--   accept_due       cases with accept_deadline <= $4, or answered
--   accepted_on_time of those, answered at or before accept_deadline
--   close_due        cases not refused with close_deadline <= $4, or closed
--   closed_on_time   of those, closed at or before close_deadline
--   median_hours     median of (closed - created_at) in hours over the closed cases
--   rated, satisfied cases rated; of those rated satisfied or basically_satisfied
--   overdue_now      open cases of the grid (pending, accepted, in_progress; reported any time)
--                    pending past accept_deadline, or open past close_deadline, at $4
with grids as (
  select g.id, g.code, g.name, g.community_code
  from grid g
  where g.valid_to is null and g.code like $1 || '%'
),
cases as (
  select c.id, c.grid_id, c.created_at, c.accept_deadline, c.close_deadline
  from civic_case c
  join grids g on g.id = c.grid_id
  where c.created_at >= $2 and c.created_at < $3
),
timings as (
  select e.case_id,
         min(e.at) filter (where e.kind in ('accepted', 'transfer_accepted', 'rejected')) as answered,
         min(e.at) filter (where e.kind = 'closed') as closed,
         bool_or(e.kind = 'rejected') as refused,
         bool_or(e.kind = 'merged') as merged,
         (array_agg(e.details ->> 'rating' order by e.at desc, e.id desc) filter (where e.kind = 'rated'))[1] as rating
  from case_event e
  join cases c on c.id = e.case_id
  where e.at <= $4
  group by e.case_id
),
counted as (
  select c.*, t.answered, t.closed, coalesce(t.refused, false) as refused, t.rating
  from cases c
  left join timings t on t.case_id = c.id
  where not coalesce(t.merged, false)
),
per_grid as (
  select grid_id,
         count(*)::integer as cases,
         count(*) filter (where accept_deadline <= $4 or answered is not null)::integer as accept_due,
         count(*) filter (where answered <= accept_deadline)::integer as accepted_on_time,
         count(*) filter (where not refused and (close_deadline <= $4 or closed is not null))::integer as close_due,
         count(*) filter (where not refused and closed <= close_deadline)::integer as closed_on_time,
         (percentile_cont(0.5) within group (order by extract(epoch from closed - created_at) / 3600.0)
            filter (where closed is not null))::float8 as median_hours,
         count(*) filter (where rating is not null)::integer as rated,
         count(*) filter (where rating in ('satisfied', 'basically_satisfied'))::integer as satisfied
  from counted
  group by grid_id
),
overdue as (
  select c.grid_id, count(*)::integer as overdue_now
  from civic_case c
  join grids g on g.id = c.grid_id
  where c.status in ('pending', 'accepted', 'in_progress')
    and ((c.status = 'pending' and c.accept_deadline < $4) or c.close_deadline < $4)
  group by c.grid_id
)
select g.id as grid_id, g.code as grid_code, g.name as grid_name, g.community_code,
       coalesce(r.name, '') as community_name,
       coalesce(p.cases, 0) as cases, coalesce(p.accept_due, 0) as accept_due,
       coalesce(p.accepted_on_time, 0) as accepted_on_time, coalesce(p.close_due, 0) as close_due,
       coalesce(p.closed_on_time, 0) as closed_on_time, p.median_hours,
       coalesce(p.rated, 0) as rated, coalesce(p.satisfied, 0) as satisfied,
       coalesce(o.overdue_now, 0) as overdue_now
from grids g
left join region r on r.code = g.community_code
left join per_grid p on p.grid_id = g.id
left join overdue o on o.grid_id = g.id
order by g.code;
