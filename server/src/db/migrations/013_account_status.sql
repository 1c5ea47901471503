-- Accounts can be disabled (departing staff lose access at once, their history is kept) and
-- record when they last signed in: the session table only knows the last request of sessions
-- still open, and forgets an account the moment it signs out.
alter table app_user add column disabled_at timestamptz;
alter table app_user add column last_login_at timestamptz;

-- Sign-ins before this migration are in the audit log.
update app_user u
set last_login_at = (select max(a.at) from audit_log a where a.action = 'auth.login' and a.actor_id = u.id);
