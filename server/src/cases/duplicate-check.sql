-- Whether case $1 may be merged into the case with code $2 (a duplicate: same category, at most
-- $3 metres apart, reported at most $4 days apart, the other neither merged nor rejected nor itself).
-- Output: id, sameCategory, near, close_in_time as "closeInTime", live (no row when no such code).
select o.id,
       o.category_id = c.category_id as "sameCategory",
       ST_DWithin(o.geom::geography, c.geom::geography, $3) as near,
       abs(extract(epoch from (o.created_at - c.created_at))) <= $4 * 86400 as "closeInTime",
       o.status not in ('merged', 'rejected') and o.id <> c.id as live
from civic_case c
join civic_case o on o.code = $2
where c.id = $1;
