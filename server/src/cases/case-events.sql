-- A case's events, oldest first, with the actors' display names. $1 integer: case id.
-- Output: id (as a double: exact far beyond any count of events), kind, status, at, actor, actorName, note, details.
select e.id::float8 as id, e.kind, e.status, e.at, e.actor, u.display_name as "actorName", e.note, e.details
from case_event e
left join app_user u on u.username = e.actor
where e.case_id = $1
order by e.at, e.id;
