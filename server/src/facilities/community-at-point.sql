-- The community-level region containing a point. $1 float8 lng; $2 float8 lat. Output: code.
select code from region
where level = 'community' and ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
order by code
limit 1;
