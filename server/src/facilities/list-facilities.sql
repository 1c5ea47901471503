-- Facilities as a GeoJSON FeatureCollection.
-- $1..$4 float8|null: bbox minLng, minLat, maxLng, maxLat; $5 text[]|null: kinds;
-- $6 boolean: include non-public facilities. Output: fc text.
with box as (
  select case when $1::float8 is null then null
              else ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) end as env
)
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(f.feature order by f.id), '[]'::json)
       )::text as fc
from facility_feature f, box
where (box.env is null or f.geom && box.env)
  and ($5::text[] is null or f.kind = any ($5::text[]))
  and (f.public or $6::boolean);
