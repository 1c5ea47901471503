-- Audit entries, newest first, limited to actors inside a scope (and, for a district-wide admin,
-- entries without an actor such as failed sign-ins).
-- $1 text scope code; $2 text|null action prefix; $3 text|null actor username;
-- $4 text|null entity; $5 timestamptz|null from; $6 timestamptz|null to; $7 limit; $8 offset.
-- Output: id, at, actor, action, entity, entityIds, beforeVersion, afterVersion, details, ip.
select a.id::text as id, a.at, a.actor, a.action, a.entity, a.entity_ids as "entityIds",
       a.before_version as "beforeVersion", a.after_version as "afterVersion", a.details, a.ip
from audit_log a
left join app_user u on u.id = a.actor_id
where (u.region_code like $1 || '%' or (a.actor_id is null and length($1) = 6))
  and ($2::text is null or a.action like $2 || '%')
  and ($3::text is null or a.actor = $3)
  and ($4::text is null or a.entity = $4)
  and ($5::timestamptz is null or a.at >= $5)
  and ($6::timestamptz is null or a.at < $6)
order by a.id desc
limit $7 offset $8;
