-- The Party organisations of the grids a new division retires go to the new grid covering most
-- of their old grid, as a merge hands them to the grid that absorbs theirs; an organisation whose
-- old grid no new grid overlaps stays where it was.
-- Overlays snap-rounded to 1e-9° (0.1 mm), as in the rest of the balance SQL.
-- $1 integer[] retired grids; $2 integer[] new grids. Output: none.
update party_org p
set grid_id = coalesce((
  select n.id
  from grid o join grid n on n.id = any ($2::integer[]) and n.geom && o.geom
  where o.id = p.grid_id
  order by ST_Area(ST_Intersection(n.geom, o.geom, 1e-9)::geography) desc, n.id
  limit 1), p.grid_id)
where p.grid_id = any ($1::integer[]);
