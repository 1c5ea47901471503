-- Changes an account's display name, role or scope (null keeps the value). $1 id; $2 display
-- name; $3 role; $4 region code; $5 text[] grid codes (null keeps them). Output: id.
update app_user
set display_name = coalesce($2, display_name),
    role = coalesce($3, role),
    region_code = coalesce($4, region_code),
    grid_codes = coalesce($5::text[], grid_codes),
    updated_at = now()
where id = $1
returning id;
