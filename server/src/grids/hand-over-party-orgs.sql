-- The Party organisations of retired grids go to the grid, of those given, covering most of their
-- old grid, as a merge hands them to the grid that absorbs theirs: a new division (初稿 accepted)
-- hands them to its new grids, a revert to the grids it brings back. An organisation whose old
-- grid none of them overlaps stays where it was.
-- Overlays snap-rounded to 1e-9° (0.1 mm), as in the rest of the balance SQL.
-- $1 integer[] retired grids; $2 integer[] the grids taking them over. Output: none.
update party_org p
set grid_id = coalesce((
  select n.id
  from grid o join grid n on n.id = any ($2::integer[]) and n.geom && o.geom
  where o.id = p.grid_id
  order by ST_Area(ST_Intersection(n.geom, o.geom, 1e-9)::geography) desc, n.id
  limit 1), p.grid_id)
where p.grid_id = any ($1::integer[]);
