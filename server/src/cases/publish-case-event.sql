-- Tells every process listening on the channel (LISTEN) about a case event.
-- $1 text: channel; $2 text: the CaseFeedEvent as JSON. Output: one row, ignored.
select pg_notify($1, $2);
