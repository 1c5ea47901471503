-- One page of an OGC API – Features collection as GeoJSON Features, public data only.
-- $1 text collection (regions|grids|facilities); $2 json array of boxes {minx,miny,maxx,maxy} in
-- $3 integer srid (x east, y north), or null for no box; $4 json object of property equality
-- filters {name: text}; $5 integer output srid; $6 boolean swap x and y on the way out (north
-- first); $7 integer decimals; $8 integer limit; $9 integer offset.
-- Output: features json (array, ordered by id), matched integer.
with items as (
  select r.code as id, r.geom, r.feature from region_feature r where $1 = 'regions'
  union all
  select lpad(g.id::text, 10, '0'), g.geom, g.feature from grid_feature g where $1 = 'grids' and g.valid_to is null
  union all
  select lpad(f.id::text, 10, '0'), f.geom, f.feature from facility_feature f where $1 = 'facilities' and f.public
),
boxes as (
  -- Edges densified before the transform, so a box drawn in metres keeps its shape in degrees.
  select ST_Transform(
           ST_Segmentize(ST_MakeEnvelope(b.minx, b.miny, b.maxx, b.maxy, $3::integer), greatest(b.maxx - b.minx, b.maxy - b.miny, 1e-9) / 32),
           4326) as env
  from json_to_recordset($2::json) as b(minx float8, miny float8, maxx float8, maxy float8)
),
hits as (
  select i.* from items i
  where ($2::json is null or exists (select 1 from boxes b where i.geom && b.env and ST_Intersects(i.geom, b.env)))
    and not exists (
      select 1 from json_each_text($4::json) q where (i.feature -> 'properties' ->> q.key) is distinct from q.value
    )
),
page as (select * from hits order by id limit $8 offset $9)
select coalesce((
         select json_agg(json_build_object(
                  'type', 'Feature',
                  'id', p.feature -> 'id',
                  'geometry', ST_AsGeoJSON(case when $6 then ST_FlipCoordinates(o.geom) else o.geom end, $7, 0)::json,
                  'properties', p.feature -> 'properties') order by p.id)
         from page p,
              -- RFC 7946: outer rings counter-clockwise, holes clockwise (in x east, y north).
              lateral (select ST_ForcePolygonCCW(ST_Transform(p.geom, $5::integer)) as geom) o), '[]'::json) as features,
       (select count(*) from hits)::integer as matched;
