-- Recomputes every coverage aggregate from the stored rows (migration 008). Output: none.
select rebuild_coverage();
