-- Per-grid coverage inside a region (codes nest by prefix): members by kind, Party
-- organisations, households, population, members per 100 households, and the distance from the
-- grid's centre to the nearest public Party service centre or station.
-- $1 text: region code. Output: stats text (JSON array).
with g as (
  select id, code, name, community_code, households, population, ST_PointOnSurface(geom) as centre
  from grid where valid_to is null and code like $1 || '%'
),
m as (
  select grid_id,
         count(*) filter (where status = 'formal') as formal,
         count(*) filter (where status = 'probationary') as probationary,
         count(*) filter (where floating) as floating,
         count(*) as total
  from member where grid_id in (select id from g) group by grid_id
),
o as (
  select grid_id, count(*) as orgs, bool_or(kind in ('branch', 'group')) as has_branch
  from party_org where grid_id in (select id from g) group by grid_id
)
select coalesce(json_agg(json_build_object(
  'id', g.id, 'code', g.code, 'name', g.name, 'communityCode', g.community_code,
  'members', coalesce(m.total, 0), 'formal', coalesce(m.formal, 0), 'probationary', coalesce(m.probationary, 0),
  'floating', coalesce(m.floating, 0), 'partyOrgs', coalesce(o.orgs, 0), 'hasBranch', coalesce(o.has_branch, false),
  'households', g.households, 'population', g.population,
  'membersPer100Households', case when g.households > 0 then round(100.0 * coalesce(m.total, 0) / g.households, 2) end,
  'nearestStationMeters', (
    select round(ST_Distance(f.geom::geography, g.centre::geography)::numeric)
    from facility f where f.public and f.kind in ('center', 'station')
    order by f.geom <-> g.centre limit 1)
) order by g.code), '[]'::json)::text as stats
from g left join m on m.grid_id = g.id left join o on o.grid_id = g.id;
