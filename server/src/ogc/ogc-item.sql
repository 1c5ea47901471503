-- One feature of an OGC API – Features collection. $1 text collection; $2 text feature id.
-- Output: feature text (no row when unknown or not public).
select r.feature::text as feature from region_feature r where $1 = 'regions' and r.code = $2
union all
select g.feature::text from grid_feature g
where $1 = 'grids' and g.valid_to is null and $2 ~ '^[0-9]{1,9}$' and g.id = $2::integer
union all
select f.feature::text from facility_feature f
where $1 = 'facilities' and f.public and $2 ~ '^[0-9]{1,9}$' and f.id = $2::integer;
