-- Counts one sign-in attempt against each key, starting a new window where the old one has passed.
-- Rows are locked in key order (as every statement on login_attempt does), so concurrent
-- attempts queue instead of deadlocking. $1 text[] keys; $2 integer window seconds.
-- Output: key, attempts (this one included), retryAfterSeconds (until the window ends).
insert into login_attempt as a (key, window_start, attempts)
select k, now(), 1 from unnest($1::text[]) k order by k
on conflict (key) do update set
  attempts = case when a.window_start < now() - make_interval(secs => $2::integer) then 1 else a.attempts + 1 end,
  window_start = case when a.window_start < now() - make_interval(secs => $2::integer) then now() else a.window_start end
returning key, attempts,
  greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => $2::integer) - now()))))::integer as "retryAfterSeconds";
