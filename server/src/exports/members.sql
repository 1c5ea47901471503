-- Member records of every grid inside a region, for the admin export. No home coordinates: member
-- homes never leave the server as raw points.
-- $1 text: region code (grid codes start with it). Output: name, status, org_name, floating,
-- phone, grid_code, grid_name, community_name.
select m.name, m.status, o.name as org_name, m.floating, m.phone,
       g.code as grid_code, g.name as grid_name, c.name as community_name
from member m
join grid g on g.id = m.grid_id
left join party_org o on o.id = m.org_id
left join region c on c.code = g.community_code
where g.code like $1::text || '%'
order by g.code, m.id;
