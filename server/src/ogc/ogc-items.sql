-- One page of an OGC API – Features collection as a GeoJSON FeatureCollection, public data only.
-- $1 text collection (regions|grids|facilities); $2..$5 float8|null bbox; $6 integer limit;
-- $7 integer offset. Output: features json (array, ordered by id), matched integer.
with items as (
  select r.code as id, r.geom, r.feature from region_feature r where $1 = 'regions'
  union all
  select lpad(g.id::text, 10, '0'), g.geom, g.feature from grid_feature g where $1 = 'grids' and g.valid_to is null
  union all
  select lpad(f.id::text, 10, '0'), f.geom, f.feature from facility_feature f where $1 = 'facilities' and f.public
),
box as (
  select case when $2::float8 is null then null
              else ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326) end as env
),
hits as (
  select i.* from items i, box
  where box.env is null or (i.geom && box.env and ST_Intersects(i.geom, box.env))
)
select coalesce((select json_agg(feature order by id) from (select * from hits order by id limit $6 offset $7) page), '[]'::json) as features,
       (select count(*) from hits)::integer as matched;
