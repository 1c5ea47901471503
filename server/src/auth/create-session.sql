-- Starts a session. $1 text: sha256 of the token; $2 integer: user id. Output: none.
insert into session (token_hash, user_id) values ($1, $2);
