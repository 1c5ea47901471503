-- Where each imported building stands and which stored building it updates.
-- $1 json: array of {row, key, communityCode (null: from the anchor), geometry (GeoJSON Polygon,
-- WGS84)}. A row updates the building of its community whose ext_key is its key (or, for a
-- building without one, whose id is: our exports write the id then).
-- Output: row_no, valid (the outline is a valid polygon), reason (why not), area (m²),
-- anchor_community (the community holding the outline's point on surface; lowest code on a
-- border; null outside every one), given_exists (the row's community code is a community, true
-- without one), anchor_in_given (the anchor lies in the row's community, true without one),
-- target json|null {id, name, households, population, area, sameShape, holdsPoint (the stored
-- outline holds the row's centre)} of the building the row updates.
with r as (
  select r."row" as row_no, r.key, r."communityCode" as given, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326) as geom
  from json_to_recordset($1::json) as r("row" integer, key text, "communityCode" text, geometry json)
),
checked as (
  select r.*, ST_IsValid(r.geom) as valid from r
),
anchored as (
  select c.*,
         case when c.valid then ST_PointOnSurface(c.geom) end as anchor,
         case when c.valid then ST_Area(c.geom::geography) end as area
  from checked c
),
placed as (
  select a.*,
         (select x.code from region x
          where x.level = 'community' and a.anchor is not null and x.geom && a.anchor and ST_Intersects(x.geom, a.anchor)
          order by x.code limit 1) as anchor_community,
         (a.given is null or exists (select 1 from region x where x.code = a.given and x.level = 'community')) as given_exists,
         (a.given is null or a.anchor is null or exists (
            select 1 from region x where x.code = a.given and x.level = 'community' and ST_Intersects(x.geom, a.anchor))) as anchor_in_given
  from anchored a
)
select p.row_no, p.valid, case when not p.valid then ST_IsValidReason(p.geom) end as reason, p.area,
       p.anchor_community, p.given_exists, p.anchor_in_given,
       (select json_build_object(
                 'id', b.id, 'name', b.name, 'households', b.households, 'population', b.population,
                 'area', ST_Area(b.geom::geography),
                 'sameShape', p.valid and ST_HausdorffDistance(b.geom, p.geom) < 1e-8,
                 'holdsPoint', ST_Intersects(b.geom, ST_Centroid(p.geom)))
        from building b
        where b.community_code = coalesce(p.given, p.anchor_community)
          and (b.ext_key = p.key or (b.ext_key is null and b.id::text = p.key))
        order by b.ext_key is null, b.id
        limit 1) as target
from placed p
order by p.row_no;
