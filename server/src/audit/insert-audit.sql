-- Appends one audit entry. $1 integer|null actor id; $2 text|null actor username; $3 text action;
-- $4 text|null entity; $5 text[] entity ids; $6/$7 integer|null before/after version;
-- $8 jsonb|null details; $9 text|null client IP. Output: none.
insert into audit_log (actor_id, actor, action, entity, entity_ids, before_version, after_version, details, ip)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9);
