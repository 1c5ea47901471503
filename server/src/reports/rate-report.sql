-- The resident's rating of a closed case (closed → rated) and its event (rated, by nobody).
-- $1 text: tracking code; $2 text: rating; $3 text: comment or null; $4 timestamptz: now.
-- Output: case_id, grid_code; no row when the case is not closed (or unknown).
with c as (
  update civic_case
  set status = 'rated', rating = $2, rating_comment = $3, version = version + 1, updated_at = $4
  where code = $1 and status = 'closed'
  returning id, grid_id
),
e as (
  insert into case_event (case_id, at, kind, status, grid_id, actor, details)
  select id, $4, 'rated', 'rated', grid_id, null, json_build_object('rating', $2::text)::jsonb from c
)
select c.id as case_id, g.code as grid_code from c join grid g on g.id = c.grid_id;
