-- How completely a community's current grids cover it: gaps (uncovered parts over 1 m²) and
-- overlaps (shared parts over 1 m²) as FeatureCollections, the covered share of its area, and the
-- grids whose households are outside the community's size target (in code order).
-- $1 text: community code; $2 int, $3 int: the target's fewest and most households a grid;
-- $4 text: the target as JSON (SizeTarget), answered as it is.
-- Output: report text (JSON; null when there is no such community).
with c as (select code, name, geom from region where code = $1 and level = 'community'),
grids as (select g.id, g.code, g.name, g.households, g.geom from grid g, c where g.community_code = c.code and g.valid_to is null),
covered as (select ST_Union(geom) as geom from grids),
gaps as (
  select (ST_Dump(ST_CollectionExtract(ST_Difference(c.geom, coalesce(covered.geom, 'SRID=4326;POLYGON EMPTY'::geometry)), 3))).geom as geom
  from c, covered
),
overlapping as (
  select a.id as a_id, a.code as a_code, b.id as b_id, b.code as b_code,
         ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) as geom
  from grids a join grids b on a.id < b.id and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')
)
select json_build_object(
  'communityCode', c.code, 'communityName', c.name,
  'areaSqm', round(ST_Area(c.geom::geography)::numeric),
  'gridCount', (select count(*) from grids),
  'coveredRatio', round((coalesce(ST_Area(ST_Intersection(covered.geom, c.geom)::geography), 0) / ST_Area(c.geom::geography))::numeric, 6),
  'gaps', json_build_object('type', 'FeatureCollection', 'features', coalesce((
    select json_agg(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json,
                    'properties', json_build_object('areaSqm', round(ST_Area(geom::geography)::numeric, 1))))
    from gaps where ST_Area(geom::geography) > 1), '[]'::json)),
  'overlaps', json_build_object('type', 'FeatureCollection', 'features', coalesce((
    select json_agg(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json,
                    'properties', json_build_object('grids', json_build_array(a_id, b_id), 'codes', json_build_array(a_code, b_code),
                                                    'areaSqm', round(ST_Area(geom::geography)::numeric, 1))))
    from overlapping where ST_Area(geom::geography) > 1), '[]'::json)),
  'outOfRange', coalesce((
    select json_agg(json_build_object('id', id, 'code', code, 'name', name, 'households', households,
                                      'range', case when households < $2::int then 'below' else 'above' end)
                    order by code)
    from grids where households < $2::int or households > $3::int), '[]'::json),
  'target', $4::text::json
)::text as report
from c, covered;
