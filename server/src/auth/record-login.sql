-- Notes a successful sign-in. $1 integer: account id. Output: none.
update app_user set last_login_at = now() where id = $1;
