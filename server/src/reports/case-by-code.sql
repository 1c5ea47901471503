-- A case's state by tracking code, locked until the transaction ends (photos and ratings of one
-- case one at a time). $1 text: tracking code (XXXX-XXXX-XXXX).
-- Output: id, status, created_at, photos (how many it has); no row for an unknown code.
select c.id, c.status, c.created_at,
       (select count(*)::integer from case_photo p where p.case_id = c.id) as photos
from civic_case c
where c.code = $1
for update of c;
