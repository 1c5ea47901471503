-- Current grid units as a GeoJSON FeatureCollection.
-- $1..$4 float8|null: bbox minLng, minLat, maxLng, maxLat (all null for no box);
-- $5 text|null: 12-digit community code. Output: fc text.
with box as (
  select case when $1::float8 is null then null
              else ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) end as env
)
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(g.feature order by g.code), '[]'::json)
       )::text as fc
from grid_feature g, box
where g.valid_to is null
  and (box.env is null or (g.geom && box.env and ST_Intersects(g.geom, box.env)))
  and ($5::text is null or g.community_code = $5::text);
