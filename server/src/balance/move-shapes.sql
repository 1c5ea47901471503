-- The shapes of the grids that building moves change, in the current geometry: each moved
-- building takes its own piece (its Voronoi cell, of the community's anchors clipped to the
-- community, inside the grid it is in) to its new grid; every changed grid is
-- (grid − pieces leaving) ∪ pieces entering, rounded to the grid precision and made valid; a part
-- left without buildings and cut off from its grid joins the changed grid it borders most.
-- $1 text community code; $2 integer[] building ids; $3 integer[] target grid ids (same order);
-- $4 float8 coordinate precision (degrees); $5 float8 sliver area (m², parts under it dropped).
-- Output: one row: moves json [{buildingId, communityCode|null, fromId|null, toId, toCurrent,
-- sharedM}], grids json [{id, geometry (GeoJSON text)|null, parts}].
-- Every overlay runs snap-rounded to 1e-9° (0.1 mm, ST_Intersection(a, b, 1e-9)): the floating
-- overlay of PostGIS 3.6 in the embedded database fails on some Voronoi cells that the snap-rounded
-- one cuts cleanly, on either database.
with req as (
  select * from unnest($2::integer[], $3::integer[]) as r (building_id, to_id)
),
community as (
  select geom from region where code = $1 and level = 'community'
),
voronoi as (
  select ST_VoronoiPolygons(ST_Collect(anchor), 0, (select geom from community)) as g, count(*) as n
  from building where community_code = $1
),
-- The cells taken apart once, not once per moved building.
cells as materialized (
  select d.geom from voronoi v, ST_Dump(v.g) d where v.n > 1
),
moving as (
  select r.building_id, r.to_id, b.community_code, b.grid_id as from_id, b.anchor,
         exists (select 1 from grid t where t.id = r.to_id and t.valid_to is null and t.community_code = $1) as to_current
  from req r left join building b on b.id = r.building_id
),
own as (
  select m.building_id, m.to_id, m.from_id,
         ST_CollectionExtract(ST_Intersection(ST_Intersection(coalesce(cl.geom, c.geom), c.geom, 1e-9), g.geom, 1e-9), 3) as geom
  from moving m
  join grid g on g.id = m.from_id and g.valid_to is null
  cross join community c
  left join lateral (
    select d.geom from cells d where d.geom && m.anchor and ST_Intersects(d.geom, m.anchor) limit 1
  ) cl on true
  where m.community_code = $1 and m.to_current and m.to_id <> m.from_id
),
-- The border a moved piece shares with its new grid (and the other pieces moving there). The
-- piece's own border along a grid border was cut with floating-point vertices, so it is matched
-- within 2e-7° (about 2 cm) of the grid's border rather than exactly.
shared as (
  select o.building_id,
         ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(o.geom), ST_Buffer(ST_Boundary(ST_Union(t.geom, coalesce(
           (select ST_Union(o2.geom, 1e-9) from own o2 where o2.to_id = o.to_id and o2.building_id <> o.building_id), t.geom), 1e-9)), 2e-7), 1e-9), 2)::geography) as len
  from own o join grid t on t.id = o.to_id
),
changed as (
  select from_id as id from own union select to_id from own
),
shape as (
  select g.id,
         ST_ReducePrecision(ST_MakeValid(
           case when e.geom is null then ST_Difference(g.geom, coalesce(l.geom, ST_GeomFromText('POLYGON EMPTY', 4326)), 1e-9)
                else ST_Union(ST_Difference(g.geom, coalesce(l.geom, ST_GeomFromText('POLYGON EMPTY', 4326)), 1e-9), e.geom, 1e-9) end), $4::float8) as geom
  from changed ch join grid g on g.id = ch.id
  left join lateral (select ST_Union(geom, 1e-9) as geom from own where from_id = g.id) l on true
  left join lateral (select ST_Union(geom, 1e-9) as geom from own where to_id = g.id) e on true
),
part as (
  select s.id, d.path[1] as n, d.geom,
         exists (select 1 from building b where b.community_code = $1 and b.anchor && d.geom and ST_Intersects(d.geom, b.anchor)) as anchored
  from shape s, ST_Dump(ST_CollectionExtract(s.geom, 3)) d
  where ST_Area(d.geom::geography) >= $5::float8
),
-- A part without any building, cut off from the rest of its grid by the moves (pieces of other
-- buildings' cells that lay in it), goes to the changed grid it shares the longest border with.
island as (
  select p.id as from_id, p.n, p.geom,
         (select q.id from part q
          where q.id <> p.id and q.anchored and q.geom && p.geom
          order by ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(q.geom), ST_Buffer(ST_Boundary(p.geom), 2e-7, 'quad_segs=1'), 1e-9), 2)) desc
          limit 1) as to_id
  from part p
  where not p.anchored and exists (select 1 from part q where q.id = p.id and q.anchored)
),
final_part as (
  select p.id, p.geom from part p
  where not exists (select 1 from island i where i.from_id = p.id and i.n = p.n and i.to_id is not null)
  union all
  select to_id, geom from island where to_id is not null
),
joined as (
  select ch.id, ST_ReducePrecision(ST_UnaryUnion(ST_Collect(f.geom), 1e-9), $4::float8) as geom
  from changed ch left join final_part f on f.id = ch.id
  group by ch.id
),
kept as (
  select j.id, ST_Collect(d.geom) as geom, count(d.geom)::integer as parts
  from joined j
  left join lateral ST_Dump(ST_CollectionExtract(j.geom, 3)) d on ST_Area(d.geom::geography) >= $5::float8
  group by j.id
)
select
  (select coalesce(json_agg(json_build_object(
     'buildingId', m.building_id, 'communityCode', m.community_code, 'fromId', m.from_id, 'toId', m.to_id,
     'toCurrent', m.to_current, 'sharedM', coalesce(s.len, 0)) order by m.building_id), '[]'::json)
   from moving m left join shared s on s.building_id = m.building_id) as moves,
  (select coalesce(json_agg(json_build_object(
     'id', k.id, 'geometry', case when k.parts > 0 then ST_AsGeoJSON(k.geom, 9) end, 'parts', k.parts) order by k.id), '[]'::json)
   from kept k) as grids;
