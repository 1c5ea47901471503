-- Who the public Party service centres and stations reach within a radius, inside a region:
-- members by home and households (estimated by the share of each grid's area within reach),
-- and the unreached part of the region. Distances to homes are measured on a local plane
-- (metres east and north at the point's latitude: under 0.1 % off at these distances), which
-- keeps a district's 30,000 homes to well under a second.
-- $1 text region code; $2 float8 radius in metres.
-- Output: members, reached_members, households, reached_households, uncovered text (GeoJSON).
with region_shape as (select geom from region where code = $1),
g as (select id, geom, households from grid where valid_to is null and code like $1 || '%'),
nearby as (
  select s.geom from facility s, region_shape r
  where s.public and s.kind in ('center', 'station')
    and s.geom && ST_Expand(r.geom, $2 / 90000.0) and ST_DWithin(s.geom::geography, r.geom::geography, $2)
),
reach as (select ST_Union(ST_Buffer(geom::geography, $2, 'quad_segs=8')::geometry) as geom from nearby),
reached as (
  select count(distinct m.id) as n
  from nearby s
  join member m on ST_DWithin(s.geom, m.home, $2 / (111320 * cos(radians(ST_Y(s.geom) + 1))))
  join grid mg on mg.id = m.grid_id and mg.code like $1 || '%'
  where power((ST_X(m.home) - ST_X(s.geom)) * 111320 * cos(radians(ST_Y(s.geom))), 2)
      + power((ST_Y(m.home) - ST_Y(s.geom)) * 110574, 2) <= power($2, 2)
)
select (select count(*) from member m join g on g.id = m.grid_id)::integer as members,
       (select n from reached)::integer as reached_members,
       (select coalesce(sum(households), 0) from g)::integer as households,
       (select coalesce(round(sum(g.households * ST_Area(ST_Intersection(g.geom, reach.geom)) / nullif(ST_Area(g.geom), 0))), 0)
        from g, reach where g.geom && reach.geom)::integer as reached_households,
       (select ST_AsGeoJSON(ST_CollectionExtract(ST_Difference(r.geom, coalesce(reach.geom, 'SRID=4326;POLYGON EMPTY'::geometry)), 3), 6)
        from region_shape r, reach) as uncovered;
