-- Disables or enables an account. Disabling ends every session of the account at once (its next
-- request is anonymous). Nothing changes when the account already is in that state.
-- $1 integer id; $2 boolean disable (true) or enable (false).
-- Output: changed (whether the state changed), sessionsEnded (sessions deleted).
with target as (
  select id from app_user
  where id = $1 and (disabled_at is not null) <> $2::boolean
), ended as (
  delete from session where $2::boolean and user_id in (select id from target) returning 1
), changed as (
  update app_user
  set disabled_at = case when $2::boolean then now() end, updated_at = now()
  where id in (select id from target)
  returning id
)
select exists (select 1 from changed) as changed, (select count(*)::integer from ended) as "sessionsEnded";
