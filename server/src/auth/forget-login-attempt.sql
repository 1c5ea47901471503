-- Takes a counted sign-in attempt back. $1 text[] keys whose count goes back by one; $2 text[]
-- keys that start afresh (the username after a successful sign-in). One statement, rows in key
-- order (the primary key's), like count-login-attempt.sql. Output: none.
update login_attempt
set attempts = case when key = any ($2::text[]) then 0 else greatest(attempts - 1, 0) end
where key = any ($1::text[] || $2::text[]);
