-- Where the demo cases go: the district and its first street (which gets a larger share).
-- Output: district, street (codes; none when no district is loaded).
select d.code as district, s.code as street
from region d
join lateral (select code from region where parent_code = d.code order by code limit 1) s on true
where d.level = 'district'
order by d.code
limit 1;
