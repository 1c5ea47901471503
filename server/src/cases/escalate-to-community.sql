-- Escalates to the community every case still pending past its accept deadline and not escalated
-- yet, with its event. Conditional, so processes sweeping at once escalate a case once.
-- $1 timestamptz: now. Output: id, code, status, gridCode of each case escalated.
with hit as (
  update civic_case set escalation = 'community', updated_at = $1
  where status = 'pending' and escalation is null and accept_deadline < $1
  returning id, code, status, grid_id
),
logged as (
  insert into case_event (case_id, at, kind, status, grid_id, actor, note, details)
  select id, $1, 'escalated', status, grid_id, null, null, '{"level":"community"}'::jsonb from hit
)
select hit.id, hit.code, hit.status, g.code as "gridCode" from hit join grid g on g.id = hit.grid_id;
