-- Cases that case $1 may duplicate: same category, at most $2 metres away, reported at most $3
-- days apart, neither merged nor rejected, not itself; nearest first, at most 20.
-- Output: id.
select o.id
from civic_case c
join civic_case o
  on o.category_id = c.category_id
 and o.id <> c.id
 and o.status not in ('merged', 'rejected')
 and o.created_at between c.created_at - make_interval(days => $3::integer) and c.created_at + make_interval(days => $3::integer)
 and ST_DWithin(o.geom::geography, c.geom::geography, $2)
where c.id = $1
order by ST_Distance(o.geom::geography, c.geom::geography), o.created_at
limit 20;
