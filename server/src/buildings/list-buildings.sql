-- Buildings (楼栋) of a map view or a community inside a scope, as a GeoJSON FeatureCollection,
-- nearest the box's centre first when the rows are capped (then by id).
-- $1..$4 float8|null: bbox minLng, minLat, maxLng, maxLat (all null for no box);
-- $5 text|null: 12-digit community code; $6 text: scope code (community codes start with it);
-- $7 integer: most buildings answered.
-- Output: fc text (features with properties id, gridId, gridCode, communityCode, households,
-- population, name; a foreign member `truncated` says whether more matched than were answered).
with box as (
  select case when $1::float8 is null then null
              else ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) end as env
),
matched as (
  select b.id, b.grid_id, b.community_code, b.households, b.population, b.name, b.geom
  from building b, box
  where b.community_code like $6::text || '%'
    and ($5::text is null or b.community_code = $5::text)
    and (box.env is null or (b.geom && box.env and ST_Intersects(b.geom, box.env)))
  order by case when box.env is null then 0 else b.anchor <-> ST_Centroid(box.env) end, b.id
  limit $7::integer + 1
),
shown as (
  select * from matched order by id limit $7::integer
)
select json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', s.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(s.geom), 7)::json,
           'properties', json_build_object(
             'id', s.id, 'gridId', s.grid_id, 'gridCode', g.code, 'communityCode', s.community_code,
             'households', s.households, 'population', s.population, 'name', s.name)
         ) order by s.id), '[]'::json),
         'truncated', (select count(*) from matched) > $7::integer
       )::text as fc
from shown s
left join grid g on g.id = s.grid_id;
