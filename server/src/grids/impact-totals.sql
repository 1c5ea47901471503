-- What a change did to each grid it touched: new totals and, for grids of communities without
-- buildings, households and population moved between grids estimated by area share (where the
-- community has buildings, the moves are the buildings' exact sums: reassign-buildings.sql).
-- $1 integer[]: touched grid ids. Uses grid_before (snapshot-before.sql).
-- Output: grids json [{id, code, name, communityCode, version, members, facilities, households,
-- population, householdsSource, buildings, areaSqm, retired}], household_moves json
-- [{from, to, households, population}].
with touched as (
  select g.*, exists (select 1 from building x where x.community_code = g.community_code) as has_buildings
  from grid g where g.id = any ($1::integer[])
)
select
  (select coalesce(json_agg(json_build_object(
            'id', g.id, 'code', g.code, 'name', g.name, 'communityCode', g.community_code, 'version', g.version,
            'members', (select count(*) from member m where m.grid_id = g.id),
            'facilities', (select count(*) from facility f where f.grid_id = g.id),
            'households', g.households, 'population', g.population,
            'householdsSource', case when g.has_buildings then 'buildings' else 'estimate' end,
            'buildings', (select count(*) from building b where b.grid_id = g.id),
            'areaSqm', round(ST_Area(g.geom::geography)::numeric),
            'retired', g.valid_to is not null) order by g.code), '[]'::json)
   from touched g) as grids,
  (select coalesce(json_agg(json_build_object('from', x.from_id, 'to', x.to_id, 'households', x.households,
                                              'population', x.population)), '[]'::json)
   from (
     select b.id as from_id, a.id as to_id,
            round(b.households * x.share) as households, round(b.population * x.share) as population
     from grid_before b
     join touched a on a.id <> b.id and not a.has_buildings and a.valid_to is null
                   and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')
     cross join lateral (
       select ST_Area(ST_Intersection(b.geom, a.geom)::geography) / nullif(ST_Area(b.geom::geography), 0) as share
     ) x
   ) x
   where x.households > 0 or x.population > 0) as household_moves;
