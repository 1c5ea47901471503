-- One step of a case, only from the version the caller saw (optimistic locking).
-- $1 integer: case id; $2 integer: expected version; $3 text: status after; $4 integer: grid id after;
-- $5 integer|null: transfer grid id after; $6 integer|null: merged into (null keeps it);
-- $7 boolean: sets accepted_at when unset; $8 boolean: sets closed_at; $9 timestamptz: now.
-- Output: version (no row when the version was not $2: someone else acted first).
update civic_case
set status = $3,
    grid_id = $4,
    transfer_grid_id = $5,
    merged_into = coalesce($6, merged_into),
    accepted_at = case when $7::boolean then coalesce(accepted_at, $9) else accepted_at end,
    closed_at = case when $8::boolean then $9 else closed_at end,
    version = version + 1,
    updated_at = $9
where id = $1 and version = $2
returning version;
