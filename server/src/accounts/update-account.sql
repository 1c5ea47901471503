-- Changes an account's display name, role or scope (null keeps the value). $1 id; $2 display
-- name; $3 role; $4 region code. Output: id.
update app_user
set display_name = coalesce($2, display_name),
    role = coalesce($3, role),
    region_code = coalesce($4, region_code),
    updated_at = now()
where id = $1
returning id;
