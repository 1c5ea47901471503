-- The rules a valid grid geometry must satisfy in its community, and the shape that is stored:
-- within $4 metres of the community counts as inside, and the stored shape is cut to the community.
-- $1 text: GeoJSON (Multi)Polygon, already valid; $2 text: community code; $3 integer[]: grids
-- the change replaces (excluded from the overlap check); $4 float8: community tolerance (m);
-- $5 float8: overlap allowance (m²); $6 float8: coordinate precision (degrees) (grid-rules.ts).
-- Output: outside_area float8 (m²), outside text (GeoJSON or null), overlaps json (array of
-- {id, code, name, version, areaSqm, geometry} over $5 m²), fitted text (GeoJSON MultiPolygon or
-- null when nothing is inside), area float8 (m² of the fitted shape).
with g as (select ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) as geom),
c as (select geom from region where code = $2 and level = 'community'),
outside as (
  select ST_CollectionExtract(ST_Difference(g.geom, ST_Buffer(c.geom::geography, $4::float8)::geometry), 3) as geom
  from g, c
),
fitted as (
  select ST_Multi(ST_ReducePrecision(ST_CollectionExtract(ST_Intersection(g.geom, c.geom), 3), $6::float8)) as geom
  from g, c
),
overlapping as (
  select o.id, o.code, o.name, o.version, ST_CollectionExtract(ST_Intersection(o.geom, f.geom), 3) as geom
  from grid o, fitted f
  where o.valid_to is null and o.geom && f.geom and ST_Intersects(o.geom, f.geom)
    and not (o.id = any ($3::integer[]))
)
select coalesce(ST_Area(outside.geom::geography), 0) as outside_area,
       case when ST_IsEmpty(outside.geom) then null else ST_AsGeoJSON(ST_ForcePolygonCCW(outside.geom), 7) end as outside,
       coalesce((
         select json_agg(json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'version', o.version,
                                           'areaSqm', round(ST_Area(o.geom::geography)::numeric, 1),
                                           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(o.geom), 7)::json) order by o.code)
         from overlapping o
         where ST_Area(o.geom::geography) > $5::float8
       ), '[]'::json) as overlaps,
       case when ST_IsEmpty(fitted.geom) then null else ST_AsGeoJSON(ST_ForcePolygonCCW(fitted.geom), 7) end as fitted,
       ST_Area(fitted.geom::geography) as area
from outside, fitted;
