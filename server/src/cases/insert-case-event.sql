-- Appends one event to a case's history. $1 integer: case id; $2 timestamptz: when; $3 text: kind;
-- $4 text: status after; $5 integer|null: grid id after; $6 text|null: actor username;
-- $7 text|null: note; $8 jsonb|null: details. Output: none.
insert into case_event (case_id, at, kind, status, grid_id, actor, note, details)
values ($1, $2, $3, $4, $5, $6, $7, $8);
