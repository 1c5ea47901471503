-- One feature of an OGC API – Features collection. $1 text collection; $2 text feature id;
-- $3 integer output srid; $4 boolean swap x and y on the way out (north first); $5 integer
-- decimals. Output: feature json (no row when unknown or not public).
with found as (
  select r.geom, r.feature from region_feature r where $1 = 'regions' and r.code = $2
  union all
  select g.geom, g.feature from grid_feature g
  where $1 = 'grids' and g.valid_to is null and $2 ~ '^[0-9]{1,9}$' and g.id = $2::integer
  union all
  select f.geom, f.feature from facility_feature f
  where $1 = 'facilities' and f.public and $2 ~ '^[0-9]{1,9}$' and f.id = $2::integer
)
select json_build_object(
         'type', 'Feature',
         'id', f.feature -> 'id',
         'geometry', ST_AsGeoJSON(case when $4 then ST_FlipCoordinates(o.geom) else o.geom end, $5, 0)::json,
         'properties', f.feature -> 'properties') as feature
from found f,
     -- RFC 7946: outer rings counter-clockwise, holes clockwise (in x east, y north).
     lateral (select ST_ForcePolygonCCW(ST_Transform(f.geom, $3::integer)) as geom) o;
