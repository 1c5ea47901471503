-- Rows the public search cannot find by pinyin yet (search_pinyin null: new, or renamed; see
-- migration 016): public and non-public stations, streets and communities, current grids.
-- $1 integer: at most this many rows of each table.
-- Output: tbl ('facility' | 'region' | 'grid'), id (text), name, address ('' when none).
(select 'facility' as tbl, id::text as id, name, coalesce(address, '') as address
 from facility where search_pinyin is null limit $1)
union all
(select 'region', code, name, ''
 from region where search_pinyin is null and level in ('street', 'community') limit $1)
union all
(select 'grid', id::text, name, ''
 from grid where search_pinyin is null and valid_to is null limit $1)
