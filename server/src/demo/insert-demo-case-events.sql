-- Writes the demo cases' events (demo-case-plan.ts) and links each merged case to the case it
-- repeats. A staff step is done by the demo grid worker of the grid acting (the grid a case is
-- handed to accepts or declines it), else by the street's or the district's leader, who may do
-- every step a worker may; the resident (rated) and the sweeper (escalated) have no actor.
-- $1 json: cases [{idx, code, base, status}]; $2 json: events [{idx, at, kind, status, staff,
-- onTarget, note, level, rating}]; $3 text[] grid codes of the demo grid workers and $4 text[]
-- their usernames, element by element; $5 text the street whose leader acts there ($6 username),
-- $7 text the district leader's username. Output: none.
with spec as (
  select * from json_to_recordset($1::json) as s(idx integer, code text, base integer, status text)
),
placed as (
  select s.idx, s.base, s.status, c.id, c.code, p.grid_id, p.target_id
  from spec s
  join civic_case c on c.code = s.code
  join demo_case_place p on p.idx = s.idx
),
merged as (
  update civic_case c
  set merged_into = b.id
  from placed m join placed b on b.idx = m.base
  where c.id = m.id and m.status = 'merged'
),
ev as (
  select * from json_to_recordset($2::json) as e(idx integer, at timestamptz, kind text, status text, staff boolean,
                                                 "onTarget" boolean, note text, level text, rating text)
)
insert into case_event (case_id, at, kind, status, grid_id, actor, note, details)
select k.id, e.at, e.kind, e.status,
       case when e."onTarget" then k.target_id else k.grid_id end,
       case when e.staff then coalesce(
         (select w.username from unnest($3::text[], $4::text[]) as w(grid_code, username) where w.grid_code = acting.code),
         case when acting.code like $5 || '%' then $6 else $7 end) end,
       e.note,
       case when e.kind in ('transferred', 'transfer_accepted', 'transfer_declined')
              then jsonb_build_object('fromGridCode', home.code, 'toGridCode', target.code)
            when e.kind = 'escalated' then jsonb_build_object('level', e.level)
            when e.kind = 'rated' then jsonb_build_object('rating', e.rating)
            when e.kind = 'merged' then jsonb_build_object('intoCode', (select b.code from placed b where b.idx = k.base))
       end
from ev e
join placed k on k.idx = e.idx
join grid home on home.id = k.grid_id
join grid target on target.id = k.target_id
join grid acting on acting.id = case when e."onTarget" or e.kind in ('transfer_accepted', 'transfer_declined') then k.target_id else k.grid_id end
order by e.at, k.id;
