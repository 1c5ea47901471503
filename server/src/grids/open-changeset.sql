-- Opens the transaction's changeset: every grid version the transaction writes from now on
-- names it (grid_version.changeset_id defaults to the setting, see 014_changesets.sql).
-- $1 text kind; $2 text note; $3 text author; $4 integer|null the changeset a revert undoes.
-- Output: id.
with created as (
  insert into changeset (kind, note, author, reverts) values ($1, $2, $3, $4::integer)
  returning id
)
select id, set_config('wgdt.changeset', id::text, true) as setting from created;
