-- Gives each valid staged grid without a community code the community holding most of its
-- shape (none when it lies outside every community). Output: none.
update import_grid i
set community_code = (
  select c.code from region c
  where c.level = 'community' and c.geom && i.geom and ST_Intersects(c.geom, i.geom)
  order by ST_Area(ST_Intersection(c.geom, i.geom)) desc, c.code
  limit 1)
where i.valid and i.community_code is null;
