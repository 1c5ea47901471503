-- An account for sign-in. $1 text: username. Output: id, username, passwordHash, disabled.
select id, username, password_hash as "passwordHash", disabled_at is not null as disabled
from app_user where username = $1;
