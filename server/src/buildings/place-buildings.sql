-- Puts every building of the given communities in the current grid holding its anchor (the
-- lowest id where two grids share a border; null: none). For loads and imports, which change
-- many buildings at once; place-buildings.ts then sets the grids' figures.
-- $1 text[]: community codes. Output: buildings (how many changed grid), grid_ids (the
-- communities' current grids).
with placed as (
  select b.id,
         (select g.id from grid g where g.valid_to is null and g.geom && b.anchor
          and ST_Intersects(g.geom, b.anchor) order by g.id limit 1) as grid_id
  from building b
  where b.community_code = any ($1::text[])
),
moved as (
  update building b set grid_id = p.grid_id
  from placed p
  where b.id = p.id and b.grid_id is distinct from p.grid_id
  returning b.id
)
select (select count(*)::integer from moved) as buildings,
       (select coalesce(array_agg(id), '{}') from grid where community_code = any ($1::text[]) and valid_to is null) as grid_ids;
