-- The regions the demo accounts are scoped to: the district, its first street and that street's
-- first community. Output: district, districtName, street, streetName, community, communityName.
select d.code as district, d.name as "districtName",
       s.code as street, s.name as "streetName",
       c.code as community, c.name as "communityName"
from region d
join lateral (select code, name from region where parent_code = d.code order by code limit 1) s on true
join lateral (select code, name from region where parent_code = s.code order by code limit 1) c on true
where d.level = 'district'
order by d.code
limit 1;
