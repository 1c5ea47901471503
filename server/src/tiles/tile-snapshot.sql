-- tile change poll: where a process starts following tile_change (it has no cached tile yet).
-- Output: snapshot text.
select pg_current_snapshot()::text as snapshot;
