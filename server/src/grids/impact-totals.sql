-- What a change did to each grid it touched: new totals, and households moved between grids
-- estimated by area share (households have no points).
-- $1 integer[]: touched grid ids. Uses grid_before (snapshot-before.sql).
-- Output: grids json [{id, code, name, version, members, facilities, households, population,
-- areaSqm, retired}], household_moves json [{from, to, households}].
select
  (select coalesce(json_agg(json_build_object(
            'id', g.id, 'code', g.code, 'name', g.name, 'version', g.version,
            'members', (select count(*) from member m where m.grid_id = g.id),
            'facilities', (select count(*) from facility f where f.grid_id = g.id),
            'households', g.households, 'population', g.population,
            'areaSqm', round(ST_Area(g.geom::geography)::numeric),
            'retired', g.valid_to is not null) order by g.code), '[]'::json)
   from grid g where g.id = any ($1::integer[])) as grids,
  (select coalesce(json_agg(json_build_object('from', x.from_id, 'to', x.to_id, 'households', x.households)), '[]'::json)
   from (
     select b.id as from_id, a.id as to_id,
            round(b.households * ST_Area(ST_Intersection(b.geom, a.geom)::geography) / nullif(ST_Area(b.geom::geography), 0)) as households
     from grid_before b
     join grid a on a.id <> b.id and a.id = any ($1::integer[]) and a.valid_to is null
                and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')
   ) x
   where x.households > 0) as household_moves;
