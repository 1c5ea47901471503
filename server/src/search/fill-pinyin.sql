-- Stores the pinyin keys worked out for rows read by missing-pinyin.sql. A row renamed since it
-- was read keeps its null (the name or address must still be the one the key was made from), so
-- it is filled again with its new name.
-- $1 jsonb: [{ tbl, num (facility and grid id), code (region code), name, address, key }].
-- Output: none.
with v as (
  select * from jsonb_to_recordset($1::jsonb) as v (tbl text, num integer, code text, name text, address text, key text)
),
f as (
  update facility f set search_pinyin = v.key
  from v
  where v.tbl = 'facility' and f.id = v.num and f.search_pinyin is null
    and f.name = v.name and coalesce(f.address, '') = v.address
),
r as (
  update region r set search_pinyin = v.key
  from v
  where v.tbl = 'region' and r.code = v.code and r.search_pinyin is null and r.name = v.name
)
update grid g set search_pinyin = v.key
from v
where v.tbl = 'grid' and g.id = v.num and g.search_pinyin is null and g.name = v.name
