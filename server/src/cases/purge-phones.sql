-- Removes the reporter's phone of every case that ended (closed, rated, rejected, merged) before
-- the cutoff, with a phone_purged event. Conditional, so processes sweeping at once purge once.
-- $1 timestamptz: now; $2 timestamptz: cutoff (now minus the days phones are kept).
-- Output: id, code, status, gridCode of each case purged.
with hit as (
  update civic_case set reporter_phone = null, phone_purged_at = $1
  where reporter_phone is not null and status in ('closed', 'rated', 'rejected', 'merged') and closed_at < $2
  returning id, code, status, grid_id
),
logged as (
  insert into case_event (case_id, at, kind, status, grid_id, actor, note, details)
  select id, $1, 'phone_purged', status, grid_id, null, null, null from hit
)
select hit.id, hit.code, hit.status, g.code as "gridCode" from hit join grid g on g.id = hit.grid_id;
