-- Moves the open cases (pending, accepted, in_progress) of grids that changed shape or were
-- retired in this transaction to the current grid that now holds their point (the lowest id on a
-- shared border, as members), each with a 'reassigned' event; a case whose point lies in no
-- current grid keeps its grid and is escalated to the community (an 'escalated' event). A case
-- moves only when its point left its grid: it lay in the grid's shape before this changeset (or the
-- grid is retired now) and does not lie in it now, so a case handed to another grid by hand stays
-- there. A case stranded earlier in a retired grid moves to a changed grid that now holds its point.
-- A pending transfer (转派) is cleared, with a 'transfer_declined' event, when it goes to a grid
-- retired now or when the case moves (as a supervisor's reassign clears it). Each changed case
-- gets version + 1. The events' actor and time are
-- the changeset's (its author, the planner, and its time).
-- $1 integer[]: the grids that changed. $2 integer: this transaction's changeset.
-- Output: from_id, to_id (null = in no grid, kept and escalated), n: one row per pair of grids.
with
cs as (
  select author, at from changeset where id = $2::integer
),
candidates as (
  select c.id, c.grid_id, c.transfer_grid_id, c.escalation, c.geom,
         own.code as own_code, own.valid_to is not null as own_retired,
         own.valid_to is null and ST_Intersects(own.geom, c.geom) as inside
  from civic_case c
  join grid own on own.id = c.grid_id
  where c.status in ('pending', 'accepted', 'in_progress')
    and (c.grid_id = any ($1::integer[])
         or c.transfer_grid_id = any ($1::integer[])
         or (own.valid_to is not null and exists (
               select 1 from grid g
               where g.id = any ($1::integer[]) and g.valid_to is null
                 and g.geom && c.geom and ST_Intersects(g.geom, c.geom))))
),
placed as (
  select k.*,
         (k.grid_id = any ($1::integer[]) or k.own_retired) and not k.inside
           and (k.own_retired or coalesce(ST_Intersects(
                 (select v.geom from grid_version v
                  where v.grid_id = k.grid_id and v.changeset_id is distinct from $2::integer
                  order by v.version desc limit 1), k.geom), false)) as leaves
  from candidates k
),
decided as (
  select p.id, p.grid_id as old, p.own_code as old_code, p.transfer_grid_id,
         t.id as new, t.code as new_code,
         p.leaves and t.id is null and p.escalation is null as escalate,
         p.transfer_grid_id is not null and (tg.valid_to is not null or (p.leaves and t.id is not null)) as clear_transfer,
         tg.code as transfer_code
  from placed p
  left join lateral (
    select g.id, g.code from grid g
    where p.leaves and g.valid_to is null and g.geom && p.geom and ST_Intersects(g.geom, p.geom)
    order by g.id limit 1
  ) t on true
  left join grid tg on tg.id = p.transfer_grid_id
),
acting as (
  select * from decided where new is not null or escalate or clear_transfer
),
updated as (
  update civic_case c
  set grid_id = coalesce(a.new, c.grid_id),
      escalation = case when a.escalate then 'community' else c.escalation end,
      transfer_grid_id = case when a.clear_transfer then null else c.transfer_grid_id end,
      version = c.version + 1,
      updated_at = cs.at
  from acting a, cs
  where c.id = a.id and c.grid_id = a.old and c.status in ('pending', 'accepted', 'in_progress')
  returning c.id, c.status, c.grid_id, a.old, a.old_code, a.new, a.new_code, a.escalate, a.clear_transfer, a.transfer_code
),
events as (
  insert into case_event (case_id, at, kind, status, grid_id, actor, details)
  select u.id, cs.at, 'transfer_declined', u.status, u.old, cs.author,
         jsonb_build_object('toGridCode', u.transfer_code, 'reason', 'grid_edit')
  from updated u, cs where u.clear_transfer
  union all
  select u.id, cs.at, 'reassigned', u.status, u.new, cs.author,
         jsonb_build_object('fromGridCode', u.old_code, 'toGridCode', u.new_code, 'reason', 'grid_edit')
  from updated u, cs where u.new is not null
  union all
  select u.id, cs.at, 'escalated', u.status, u.old, cs.author,
         jsonb_build_object('level', 'community', 'reason', 'grid_edit')
  from updated u, cs where u.escalate
)
select old as from_id, new as to_id, count(*)::integer as n
from updated
where new is not null or escalate
group by old, new;
