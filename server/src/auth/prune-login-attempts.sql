-- Forgets windows long past. $1 integer window seconds. Output: none.
delete from login_attempt where window_start < now() - make_interval(secs => $1::integer * 2);
