-- Creates an account. $1 username; $2 display name; $3 argon2id hash; $4 role; $5 region code.
-- Output: id.
insert into app_user (username, display_name, password_hash, role, region_code)
values ($1, $2, $3, $4, $5)
returning id;
