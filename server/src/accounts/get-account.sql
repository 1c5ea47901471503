-- One account. $1 integer id, or $2 text username (the other null).
-- Output: id, username, displayName, role, regionCode, gridCodes, disabled, passwordHash.
select id, username, display_name as "displayName", role, region_code as "regionCode", grid_codes as "gridCodes",
       disabled_at is not null as disabled, password_hash as "passwordHash"
from app_user
where id = $1::integer or username = $2::text;
