-- Member records of one community or grid inside a scope; no home coordinates leave the server.
-- $1 text scope code; $2 text|null community code; $3 integer|null grid id; $4 limit; $5 offset.
-- Output: id, name, status, floating, phone, orgName, gridId, gridCode, gridName.
select m.id, m.name, m.status, m.floating, m.phone, o.name as "orgName",
       g.id as "gridId", g.code as "gridCode", g.name as "gridName"
from member m
join grid g on g.id = m.grid_id
left join party_org o on o.id = m.org_id
where g.code like $1 || '%'
  and ($2::text is null or g.community_code = $2::text)
  and ($3::integer is null or g.id = $3::integer)
order by g.code, m.id
limit $4 offset $5;
