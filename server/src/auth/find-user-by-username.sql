-- An account for sign-in. $1 text: username. Output: id, password_hash.
select id, password_hash as "passwordHash" from app_user where username = $1;
