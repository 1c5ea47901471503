-- Replaces a password and ends every session of the account. $1 id; $2 argon2id hash. Output: none.
with ended as (delete from session where user_id = $1)
update app_user set password_hash = $2, updated_at = now() where id = $1;
