-- What anyone holding the tracking code may see of a case: no phone, no description, no notes and
-- no staff beyond the grid's public leader. The timeline has a step for each change of status.
-- $1 text: tracking code (XXXX-XXXX-XXXX). Output: status json (ReportStatus); no row for an unknown code.
select json_build_object(
  'code', c.code,
  'category', c.category_id,
  'categoryName', k.name,
  'status', c.status,
  'gridCode', g.code,
  'gridName', g.name,
  'communityName', r.name,
  'gridLeader', g.leader_name,
  'createdAt', c.created_at,
  'deadline', c.close_deadline,
  'acceptDeadline', c.accept_deadline,
  'timeline', coalesce((
    select json_agg(json_build_object('status', s.status, 'at', s.at) order by s.at, s.id)
    from (
      select e.id, e.at, e.status, lag(e.status) over (order by e.at, e.id) as before
      from case_event e
      where e.case_id = c.id
    ) s
    where s.before is distinct from s.status
  ), '[]'::json),
  'photoCount', (select count(*)::integer from case_photo p where p.case_id = c.id),
  'rating', c.rating,
  'canRate', c.status = 'closed'
) as status
from civic_case c
join case_category k on k.id = c.category_id
join grid g on g.id = c.grid_id
join region r on r.code = g.community_code
where c.code = $1;
