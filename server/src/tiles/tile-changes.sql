-- tile change poll: the tile_change rows committed since the snapshot a process last read at,
-- and the snapshot of this read (the next call's $1). Rows of transactions that had finished by
-- $1 were read then; a transaction committing after $1 shows up here whatever its seq.
-- $1 text: pg_snapshot from the previous call. Output: snapshot text, then layer, west, south,
-- east, north (null on the one row when nothing changed).
with now_snapshot as (select pg_current_snapshot() as s)
select n.s::text as snapshot, c.layer, c.west, c.south, c.east, c.north
from now_snapshot n
left join tile_change c
  on c.xid >= pg_snapshot_xmin($1::pg_snapshot) and not pg_visible_in_snapshot(c.xid, $1::pg_snapshot);
