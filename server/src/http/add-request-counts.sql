-- Adds one process's requests of a minute to the shared counts and returns the totals; rows are
-- locked in key order, so processes adding at once queue rather than deadlock.
-- $1 text[] keys; $2 integer[] hits (same order); $3 bigint minute. Output: key, hits (all processes).
insert into request_count as c (key, minute, hits)
select k, $3::bigint, h from unnest($1::text[], $2::integer[]) as t (k, h) order by k
on conflict (key, minute) do update set hits = c.hits + excluded.hits
returning key, hits;
