-- Accounts inside a region scope, with whether each has a live session and when it last signed in.
-- $1 text: scope code (prefix); $2 integer: idle minutes; $3 integer limit; $4 integer offset.
-- Output: id, username, displayName, role, regionCode, gridCodes, regionName, disabled, disabledAt, signedIn,
-- lastSeen, lastLogin, createdAt.
select u.id, u.username, u.display_name as "displayName", u.role, u.region_code as "regionCode", u.grid_codes as "gridCodes",
       r.name as "regionName",
       u.disabled_at is not null as disabled, u.disabled_at as "disabledAt",
       u.disabled_at is null and s.last_seen is not null
         and s.last_seen >= now() - make_interval(mins => $2::integer) as "signedIn",
       s.last_seen as "lastSeen", u.last_login_at as "lastLogin", u.created_at as "createdAt"
from app_user u
join region r on r.code = u.region_code
left join lateral (select max(last_seen) as last_seen from session where user_id = u.id) s on true
where u.region_code like $1 || '%'
order by u.username
limit $3 offset $4;
