-- A resident's report: the case, pending in its grid, and its first event (created, by nobody).
-- $1 text: tracking code; $2 text: category id; $3 text: description; $4 float8 lng; $5 float8 lat
-- (WGS84); $6 integer: grid id; $7 text: phone or null; $8 timestamptz: now; $9 timestamptz:
-- accept deadline; $10 timestamptz: close deadline.
-- Output: case_id integer; no row when the code is taken already (draw another).
with c as (
  insert into civic_case (code, category_id, description, geom, grid_id, reporter_phone,
                          created_at, accept_deadline, close_deadline, updated_at)
  values ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $8)
  on conflict (code) do nothing
  returning id, grid_id, created_at
)
insert into case_event (case_id, at, kind, status, grid_id, actor)
select id, created_at, 'created', 'pending', grid_id, null from c
returning case_id;
