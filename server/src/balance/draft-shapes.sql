-- The outline of each proposed grid of a first draft: the union of its buildings' Voronoi cells
-- (of the community's anchors, clipped to the community), rounded to the grid precision.
-- $1 text community code; $2 integer[] building ids; $3 integer[] their region (same order, 0-based);
-- $4 float8 coordinate precision (degrees).
-- Output: region, geometry (GeoJSON text of a MultiPolygon), parts.
-- Every overlay runs snap-rounded to 1e-9° (0.1 mm, ST_Intersection(a, b, 1e-9)): the floating
-- overlay of PostGIS 3.6 in the embedded database fails on some Voronoi cells that the snap-rounded
-- one cuts cleanly, on either database.
with community as (
  select geom from region where code = $1 and level = 'community'
),
voronoi as materialized (
  select ST_VoronoiPolygons(ST_Collect(anchor), 0, (select geom from community)) as g, count(*) as n
  from building where community_code = $1
),
raw_cell as materialized (
  select d.geom from voronoi v, ST_Dump(v.g) d where v.n > 1
),
cell as (
  select bb.id, ST_Intersection(r.geom, c.geom, 1e-9) as geom
  from raw_cell r cross join community c
  join building bb on bb.community_code = $1 and bb.anchor && r.geom and ST_Intersects(r.geom, bb.anchor)
  union all
  select b.id, c.geom from building b cross join community c where b.community_code = $1 and (select n from voronoi) = 1
),
chosen as (
  select * from unnest($2::integer[], $3::integer[]) as r (building_id, region)
),
shape as (
  select ch.region, ST_ReducePrecision(ST_UnaryUnion(ST_Collect(c.geom), 1e-9), $4::float8) as geom
  from chosen ch join cell c on c.id = ch.building_id
  group by ch.region
)
select region, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(geom, 3)), 9) as geometry,
       ST_NumGeometries(ST_CollectionExtract(geom, 3))::integer as parts
from shape order by region;
