-- What each valid staged grid would do and which rules it breaks. Within $1 metres of its
-- community counts as inside (as for drawn grids). $1 float8: community tolerance (m); $2 float8:
-- overlap allowance (m²); $3 float8: coordinate precision (degrees); $4 float8: sliver area (m²;
-- a shape differing less from the stored one is the same) (all from grid-rules.ts); $5 float8:
-- metres (same-place.ts: no vertex of the file's shape further than this from the stored one,
-- nor the other way round, is the same shape). Existing grids the import updates are left
-- out of the overlap check: their new shapes are checked against each other instead. Output: row_no, community_code, community_given, community_known,
-- target_id, target_version,
-- target_retired, target_community, target_name, target_households, target_population,
-- target_leader_name, target_leader_phone, same_shape (the file's shape, or the one it would
-- store, differs from the stored one by less than $4 or $5), target_area and fitted_area (m², of
-- the stored shape and of the one the row would store), outside_area (m²),
-- overlaps json [{code, name, areaSqm}], fitted (GeoJSON to store: the stored shape when the
-- same), x, y (a point on it).
with targets as (
  select g.* from grid g join import_grid i on i.code = g.code
)
select i.row_no, i.community_code, i.community_given,
       c.code is not null as community_known,
       t.id as target_id, t.version as target_version, t.valid_to is not null as target_retired,
       t.community_code as target_community, t.name as target_name, t.households as target_households,
       t.population as target_population, t.leader_name as target_leader_name, t.leader_phone as target_leader_phone,
       s.same_shape,
       ST_Area(t.geom::geography) as target_area,
       case when f.geom is null then null else ST_Area(f.geom::geography) end as fitted_area,
       case when c.code is null then null
            else coalesce(ST_Area(ST_CollectionExtract(ST_Difference(i.geom, ST_Buffer(c.geom::geography, $1::float8)::geometry), 3)::geography), 0)
       end as outside_area,
       coalesce((
         select json_agg(json_build_object('code', o.code, 'name', o.name, 'areaSqm', round(o.area::numeric, 1)) order by o.code)
         from (
           select g.code, g.name, ST_Area(ST_Intersection(g.geom, i.geom)::geography) as area
           from grid g
           where g.valid_to is null and g.geom && i.geom and ST_Intersects(g.geom, i.geom)
             and not exists (select 1 from import_grid u where u.code = g.code)
         ) o
         where o.area > $2::float8
       ), '[]'::json) as overlaps,
       case when s.same_shape then ST_AsGeoJSON(ST_ForcePolygonCCW(t.geom), 9)
            when f.geom is null or ST_IsEmpty(f.geom) then null else ST_AsGeoJSON(ST_ForcePolygonCCW(f.geom), 9) end as fitted,
       ST_X(ST_PointOnSurface(i.geom)) as x, ST_Y(ST_PointOnSurface(i.geom)) as y
from import_grid i
left join region c on c.code = i.community_code and c.level = 'community'
left join targets t on t.code = i.code
left join lateral (
  select ST_Multi(ST_ReducePrecision(ST_CollectionExtract(ST_Intersection(i.geom, c.geom), 3), $3::float8)) as geom
) f on c.code is not null
cross join lateral (
  select coalesce(t.id is not null and c.code is not null and (
           ST_Area(ST_SymDifference(t.geom, f.geom)::geography) < $4::float8
           -- A stored shape exported as is: cutting it to the community again and rounding may
           -- move a vertex on the border by a few millimetres, which is no change.
           or ST_Area(ST_SymDifference(t.geom, i.geom)::geography) < $4::float8
           -- Vertices rounded or converted (GCJ-02 at 6 decimals) on the way back. A degree of
           -- longitude is shorter than 111 320 m here, so this errs on the side of a change.
           or ST_HausdorffDistance(t.geom, i.geom) * 111320 < $5::float8), false) as same_shape
) s
where i.valid
order by i.row_no;
