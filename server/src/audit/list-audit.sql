-- Audit entries, newest first, limited to actors inside a scope (and, for a district-wide admin,
-- entries without an actor such as failed sign-ins), with the objects named as they are now:
-- grids by name and code, facilities by name, accounts by display name and username (the first
-- 20 of an entry; members are never named), and the region its details refer to.
-- $1 text scope code; $2 text|null action prefix; $3 text|null actor username;
-- $4 text|null entity; $5 timestamptz|null from; $6 timestamptz|null to; $7 limit; $8 offset.
-- Output: id, at, actor, action, entity, entityIds, targets (json [{id, name, code}]), regionName,
-- beforeVersion, afterVersion, details, ip.
select a.id::text as id, a.at, a.actor, a.action, a.entity, a.entity_ids as "entityIds",
       coalesce(t.targets, '[]'::json) as targets, rg.name as "regionName",
       a.before_version as "beforeVersion", a.after_version as "afterVersion", a.details, a.ip
from audit_log a
left join app_user u on u.id = a.actor_id
left join region rg on rg.code = coalesce(a.details ->> 'region', a.details ->> 'community', a.details ->> 'regionCode')
left join lateral (
  select json_agg(json_build_object(
           'id', e.id,
           'name', case a.entity when 'grid' then g.name when 'facility' then f.name when 'user' then tu.display_name end,
           'code', case a.entity when 'grid' then g.code when 'user' then tu.username end
         ) order by e.ord) as targets
  from (select id, ord, case when id ~ '^[0-9]{1,9}$' then id::integer end as n
        from unnest(a.entity_ids[1:20]) with ordinality x (id, ord)) e
  left join grid g on a.entity = 'grid' and g.id = e.n
  left join facility f on a.entity = 'facility' and f.id = e.n
  left join app_user tu on a.entity = 'user' and tu.id = e.n
  where a.entity in ('grid', 'facility', 'user')
) t on true
where (u.region_code like $1 || '%' or (a.actor_id is null and length($1) = 6))
  and ($2::text is null or a.action like $2 || '%')
  and ($3::text is null or a.actor = $3)
  and ($4::text is null or a.entity = $4)
  and ($5::timestamptz is null or a.at >= $5)
  and ($6::timestamptz is null or a.at < $6)
order by a.id desc
limit $7 offset $8;
