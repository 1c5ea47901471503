-- The changeset open in this transaction, if any (open-changeset.sql). Output: id (null when none).
select nullif(current_setting('wgdt.changeset', true), '')::integer as id;
