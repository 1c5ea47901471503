-- What a case's detail adds to its summary. $1 integer: case id.
-- Output: description, communityCode, communityName, partyOrg (the grid's branch, else its first
-- organisation; null when none), hasPhone, mergedInto (code), rating, ratingComment. No row when unknown.
select c.description, g.community_code as "communityCode", r.name as "communityName",
       (select o.name from party_org o where o.grid_id = c.grid_id
         order by case o.kind when 'branch' then 1 when 'general_branch' then 2 when 'committee' then 3 else 4 end, o.id
         limit 1) as "partyOrg",
       c.reporter_phone is not null as "hasPhone", m.code as "mergedInto", c.rating, c.rating_comment as "ratingComment"
from civic_case c
join grid g on g.id = c.grid_id
join region r on r.code = g.community_code
left join civic_case m on m.id = c.merged_into
where c.id = $1;
