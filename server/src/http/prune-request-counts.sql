-- Forgets minutes before $1 bigint. Output: none.
delete from request_count where minute < $1::bigint;
