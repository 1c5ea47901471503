-- Loads Party organisations (parents are linked by link-party-org-parents.sql).
-- $1 text: JSON array of {key, name, kind, parentKey, gridCode}. Output: none.
insert into party_org (ext_key, name, kind, grid_id)
select o.key, o.name, o.kind, g.id
from json_to_recordset($1::json) as o(key text, name text, kind text, "gridCode" text)
left join grid g on g.code = o."gridCode";
