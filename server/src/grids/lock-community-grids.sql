-- Serialises changes to one community's grids until the transaction ends, so two saves cannot
-- take the same next code or both pass the overlap check. Call before reading what the change
-- depends on. $1 text community code. Output: none.
select pg_advisory_xact_lock(hashtext('grids:' || $1));
