-- Sets parent_id of the organisations loaded by insert-party-orgs.sql.
-- $1 text: the same JSON array of {key, parentKey}. Output: none.
update party_org as child
set parent_id = parent.id
from json_to_recordset($1::json) as o(key text, "parentKey" text)
join party_org as parent on parent.ext_key = o."parentKey"
where child.ext_key = o.key;
