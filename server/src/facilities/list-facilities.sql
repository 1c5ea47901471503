-- Facilities as a GeoJSON FeatureCollection, one page of them, with how many match in all.
-- $1..$4 float8|null: bbox minLng, minLat, maxLng, maxLat; $5 text[]|null: kinds;
-- $6 boolean: include non-public facilities; $7 integer|null: limit (null: all);
-- $8 integer: offset; $9 text|null: region code (only facilities inside its communities).
-- With a box, the page is the facilities nearest its centre (the GiST index orders the scan);
-- without, by id. Output: fc text (with `total` and `truncated` beside `features`).
with page as (
  select f.id,
         case when $1::float8 is null then null
              else f.geom <-> ST_SetSRID(ST_MakePoint(($1::float8 + $3::float8) / 2, ($2::float8 + $4::float8) / 2), 4326) end as d
  from facility f
  where ($1::float8 is null or f.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
    and ($5::text[] is null or f.kind = any ($5::text[]))
    and (f.public or $6::boolean)
    and ($9::text is null or exists (
      select 1 from region c
      where c.level = 'community' and c.code like $9::text || '%' and c.geom && f.geom and ST_Intersects(c.geom, f.geom)))
  order by case when $1::float8 is null then null
                else f.geom <-> ST_SetSRID(ST_MakePoint(($1::float8 + $3::float8) / 2, ($2::float8 + $4::float8) / 2), 4326) end,
           f.id
  limit $7::integer offset $8::integer
),
total as (
  select count(*)::integer as n
  from facility f
  where ($1::float8 is null or f.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
    and ($5::text[] is null or f.kind = any ($5::text[]))
    and (f.public or $6::boolean)
    and ($9::text is null or exists (
      select 1 from region c
      where c.level = 'community' and c.code like $9::text || '%' and c.geom && f.geom and ST_Intersects(c.geom, f.geom)))
)
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce((select json_agg(ff.feature order by p.d, p.id) from page p join facility_feature ff on ff.id = p.id), '[]'::json),
         'total', total.n,
         'truncated', $8::integer + (select count(*) from page) < total.n
       )::text as fc
from total;
