-- Cases as staff list them (CaseSummary columns), one page, with the number matching.
-- $1 timestamptz: now (overdue); $2 text|null: scope prefix (a supervisor sees the cases of grids,
-- or handed to grids, whose code starts with it); $3 text[]|null: grid codes (a worker sees these
-- grids' cases and those being handed to them); both null: no restriction (the caller checked);
-- $4 text: 'open', 'ended' or 'all'; $5 text|null: grid code; $6 boolean: overdue only;
-- $7 integer limit; $8 integer offset; $9 integer[]|null: only these cases.
-- Order: open cases first by the deadline that applies now (accept while pending, close while
-- open), then by created_at; ended cases newest first.
-- Output: total (matching, every row), then the summary columns; one row with id null when the page is empty.
with visible as (
  select c.*, g.code as grid_code, g.name as grid_name, t.code as transfer_code, t.name as transfer_name,
         c.status in ('pending', 'accepted', 'in_progress') as open,
         (c.status = 'pending' and c.accept_deadline < $1)
           or (c.status in ('pending', 'accepted', 'in_progress') and c.close_deadline < $1) as overdue
  from civic_case c
  join grid g on g.id = c.grid_id
  left join grid t on t.id = c.transfer_grid_id
  where ($9::integer[] is null or c.id = any ($9::integer[]))
    and ($2::text is null or g.code like $2 || '%' or t.code like $2 || '%')
    and ($3::text[] is null or g.code = any ($3::text[]) or t.code = any ($3::text[]))
    and ($5::text is null or g.code = $5)
),
matched as (
  select v.*,
         row_number() over (
           order by v.open desc,
                    case when v.open then (case when v.status = 'pending' then v.accept_deadline else v.close_deadline end) end,
                    case when not v.open then coalesce(v.closed_at, v.updated_at) end desc,
                    v.created_at, v.id
         ) as rank
  from visible v
  where ($4 = 'all' or ($4 = 'open') = v.open)
    and (not $6::boolean or v.overdue)
),
page as (
  select * from matched where rank > $8 and rank <= $8 + $7
)
select (select count(*)::integer from matched) as total,
       p.id, p.code, p.category_id as category, k.name as "categoryName", left(p.description, 80) as excerpt,
       p.status, p.version, p.grid_id as "gridId", p.grid_code as "gridCode", p.grid_name as "gridName",
       p.transfer_grid_id as "transferGridId", p.transfer_code as "transferGridCode", p.transfer_name as "transferGridName",
       p.escalation, ST_X(p.geom) as lng, ST_Y(p.geom) as lat,
       p.created_at as "createdAt", p.accept_deadline as "acceptDeadline", p.close_deadline as "closeDeadline",
       p.overdue, (select count(*)::integer from case_photo f where f.case_id = p.id) as "photoCount"
from (select 1) one
left join page p on true
left join case_category k on k.id = p.category_id
order by p.rank;
