-- Creates an account. $1 username; $2 display name; $3 argon2id hash; $4 role; $5 region code;
-- $6 text[] grid codes (a grid worker's grids, empty for other roles).
-- Output: id.
insert into app_user (username, display_name, password_hash, role, region_code, grid_codes)
values ($1, $2, $3, $4, $5, $6::text[])
returning id;
