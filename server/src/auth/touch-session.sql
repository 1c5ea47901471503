-- The account behind a live session, extending it. A session idle longer than $2 minutes is
-- deleted instead; a session of a disabled account gives no account (disabling deletes them too,
-- this keeps a session made in the same instant from living on).
-- $1 text: sha256 of the token; $2 integer: idle minutes.
-- Output: id, username, displayName, role, regionCode, regionName, gridCodes (no row when not live).
with expired as (
  delete from session where token_hash = $1 and last_seen < now() - make_interval(mins => $2::integer)
  returning token_hash
), live as (
  update session set last_seen = now()
  where token_hash = $1 and token_hash not in (select token_hash from expired)
  returning user_id
)
select u.id, u.username, u.display_name as "displayName", u.role, u.region_code as "regionCode", r.name as "regionName",
       u.grid_codes as "gridCodes"
from live join app_user u on u.id = live.user_id join region r on r.code = u.region_code
where u.disabled_at is null;
