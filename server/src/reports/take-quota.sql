-- Counts one report for an address in an hour, unless it has used up the hour's quota; forgets
-- hours older than a day. Run in the report's transaction, so a refused or failed report counts
-- nothing. $1 text: address hash; $2 timestamptz: the hour (truncated); $3 integer: reports an hour.
-- Output: n integer, the reports of that hour with this one; no row when the quota is used up.
with forget as (
  delete from report_quota where hour < $2::timestamptz - interval '1 day'
)
insert into report_quota as q (address_hash, hour, n)
values ($1, $2, 1)
on conflict (address_hash, hour) do update set n = q.n + 1
where q.n < $3::integer
returning n;
