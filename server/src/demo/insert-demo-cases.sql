-- Writes the planned demo cases (demo-case-plan.ts) where place-demo-cases.sql put them, oldest
-- first: a case handed over and accepted answers to the grid it went to, one still being handed
-- over names it as transfer_grid_id.
-- $1 json: [{idx, code, category, description, phone, transfer, status, version, escalation,
-- rating, ratingComment, createdAt, acceptDeadline, closeDeadline, acceptedAt, closedAt, updatedAt}].
-- Output: none.
insert into civic_case (code, category_id, description, geom, grid_id, transfer_grid_id, status, version, escalation,
                        reporter_phone, rating, rating_comment, created_at, accept_deadline, close_deadline,
                        accepted_at, closed_at, updated_at)
select s.code, s.category, s.description, p.geom,
       case when s.transfer = 'accepted' then p.target_id else p.grid_id end,
       case when s.transfer = 'pending' then p.target_id end,
       s.status, s.version, s.escalation, s.phone, s.rating, s."ratingComment", s."createdAt", s."acceptDeadline",
       s."closeDeadline", s."acceptedAt", s."closedAt", s."updatedAt"
from json_to_recordset($1::json) as s(idx integer, code text, category text, description text, phone text, transfer text,
                                      status text, version integer, escalation text, rating text, "ratingComment" text,
                                      "createdAt" timestamptz, "acceptDeadline" timestamptz, "closeDeadline" timestamptz,
                                      "acceptedAt" timestamptz, "closedAt" timestamptz, "updatedAt" timestamptz)
join demo_case_place p on p.idx = s.idx
order by s."createdAt", s.idx;
