-- Ends a session. $1 text: sha256 of the token. Output: user_id of the ended session.
delete from session where token_hash = $1 returning user_id;
