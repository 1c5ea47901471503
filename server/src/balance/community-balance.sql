-- A community's current grids with their figures and compactness (Polsby–Popper 4πA/P², on
-- geography), and whether the community has buildings.
-- $1 text community code; $2 integer[]|null only these grids (null: all).
-- Output: community_name (null: no such community), has_buildings, grids json [{id, code, name,
-- version, households, population, buildings, compactness}] in code order.
select c.name as community_name,
       exists (select 1 from building b where b.community_code = $1) as has_buildings,
       (select coalesce(json_agg(json_build_object(
          'id', g.id, 'code', g.code, 'name', g.name, 'version', g.version, 'households', g.households,
          'population', g.population,
          'buildings', (select count(*)::integer from building b where b.grid_id = g.id),
          'compactness', case when ST_Perimeter(g.geom::geography) > 0
                              then 4 * pi() * ST_Area(g.geom::geography) / power(ST_Perimeter(g.geom::geography), 2) else 0 end
        ) order by g.code), '[]'::json)
        from grid g
        where g.community_code = $1 and g.valid_to is null and ($2::integer[] is null or g.id = any ($2::integer[]))) as grids
from region c
where c.code = $1 and c.level = 'community';
