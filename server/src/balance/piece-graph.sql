-- The piece graph of one community (piece-graph.ts): the Voronoi cells of its buildings' anchors
-- clipped to the community, cut by its current grids (or whole, without grids), and the pairs of
-- pieces sharing a border with its length. Neighbouring cells are found from the Delaunay
-- triangulation of the same anchors (two cells touch only when their anchors share a Delaunay
-- edge), so no piece is compared with every other.
-- $1 text community code; $2 boolean cut by the current grids (false: the first draft, one piece a cell);
-- $3 float8 smallest piece kept (m²); $4 float8 shortest shared border (m).
-- Output: one row: pieces json [[buildingId, gridId|null, own, households, population, name,
-- areaSqm, perimeterM, lng, lat], …] in index order (without grids every piece is its building's own), edges json [[a, b, lengthM], …].
-- Cells are cut snap-rounded to 1e-9° (0.1 mm, ST_Intersection(a, b, 1e-9)): the floating
-- overlay of PostGIS 3.6 in the embedded database fails on some Voronoi cells that the snap-rounded
-- one cuts cleanly. Shared borders (lines) are measured with the faster floating overlay.
with community as (
  select geom from region where code = $1 and level = 'community'
),
b as materialized (
  select id, grid_id, households, population, name, anchor, ST_X(anchor) as x, ST_Y(anchor) as y,
         ST_X(anchor)::text || ' ' || ST_Y(anchor)::text as at
  from building where community_code = $1
),
voronoi as materialized (
  select ST_VoronoiPolygons(ST_Collect(anchor), 0, (select geom from community)) as g, count(*) as n from b
),
raw_cell as materialized (
  select d.geom from voronoi v, ST_Dump(v.g) d where v.n > 1
),
-- Each cell to the building whose anchor it holds (by the anchors' index); one building alone
-- has the whole community as its cell.
cell as materialized (
  select bb.id, bb.grid_id, bb.households, bb.population, bb.name, ST_X(bb.anchor) as x, ST_Y(bb.anchor) as y,
         case when ST_CoveredBy(r.geom, c.geom) then r.geom else ST_Intersection(r.geom, c.geom, 1e-9) end as geom
  from raw_cell r
  cross join community c
  join building bb on bb.community_code = $1 and bb.anchor && r.geom and ST_Intersects(r.geom, bb.anchor)
  union all
  select b.id, b.grid_id, b.households, b.population, b.name, b.x, b.y, c.geom
  from b cross join community c
  where (select n from voronoi) = 1
),
gridded as (
  select id, geom from grid where community_code = $1 and valid_to is null and $2::boolean
),
piece_raw as (
  select c.id as building_id, g.id as grid_id,
         case when ST_CoveredBy(c.geom, g.geom) then c.geom else ST_CollectionExtract(ST_Intersection(c.geom, g.geom, 1e-9), 3) end as geom
  from cell c join gridded g on g.geom && c.geom and ST_Intersects(g.geom, c.geom)
  union all
  select c.id, null::integer, ST_CollectionExtract(c.geom, 3) from cell c where not exists (select 1 from gridded)
),
piece as materialized (
  select row_number() over (order by p.building_id, p.grid_id) - 1 as idx, p.building_id, p.grid_id, p.geom,
         ST_Area(p.geom::geography) as area
  from piece_raw p
  where not ST_IsEmpty(p.geom) and ST_Area(p.geom::geography) >= $3::float8
),
delaunay as (
  select ST_StartPoint(d.geom) as p0, ST_EndPoint(d.geom) as p1
  from (select ST_DelaunayTriangles(ST_Collect(anchor), 0, 1) as g from b) t, ST_Dump(t.g) d
),
near as (
  select b0.id as b0, b1.id as b1
  from delaunay d
  join b b0 on b0.at = ST_X(d.p0)::text || ' ' || ST_Y(d.p0)::text
  join b b1 on b1.at = ST_X(d.p1)::text || ' ' || ST_Y(d.p1)::text
),
pair as (
  select least(p.idx, q.idx) as a, greatest(p.idx, q.idx) as b, p.geom as ga, q.geom as gb
  from near n
  join piece p on p.building_id = n.b0
  join piece q on q.building_id = n.b1
  union all
  select p.idx, q.idx, p.geom, q.geom
  from piece p join piece q on q.building_id = p.building_id and q.idx > p.idx
),
-- Pieces cut from two cells along one grid border have their vertices there from floating-point
-- cuts, so their borders are often not exactly collinear: where the exact shared border is
-- nothing, it is matched within 2e-7° (about 2 cm) of the other piece.
exact_edge as (
  select a, b, ga, gb, ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(ga), ST_Boundary(gb)), 2)::geography) as len
  from pair
  where ga && ST_Expand(gb, 2e-7)
),
edge as (
  select a, b,
         case when len > 0 then len
              else ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(ga), ST_Buffer(gb, 2e-7, 'quad_segs=1')), 2)::geography) end as len
  from exact_edge
)
select
  (select coalesce(json_agg(json_build_array(p.building_id, p.grid_id, not $2::boolean or p.grid_id is not distinct from c.grid_id,
            c.households, c.population, c.name, p.area, ST_Perimeter(p.geom::geography),
            ST_X(ST_Centroid(p.geom)), ST_Y(ST_Centroid(p.geom))) order by p.idx), '[]'::json)
   from piece p join cell c on c.id = p.building_id) as pieces,
  (select coalesce(json_agg(json_build_array(a, b, len) order by a, b), '[]'::json) from edge where len >= $4::float8) as edges;
