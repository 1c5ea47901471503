-- Creates (id null) or updates imported buildings in one statement; the anchor follows the
-- outline (trigger), the grid is set afterwards by placeBuildings.
-- $1 json: array of {id, key, name (null: keep, none for a new building), communityCode,
-- households, population (null: keep, 0 for a new building), geometry (GeoJSON Polygon in WGS84;
-- null: keep the stored outline), source (null with the outline kept)}.
-- Output: id.
with r as (
  select r.*, case when r.geometry is null then null else ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326) end as geom
  from json_to_recordset($1::json) as r(id integer, key text, name text, "communityCode" text, households integer,
                                        population integer, geometry json, source text)
),
inserted as (
  insert into building (community_code, name, households, population, geom, source, ext_key)
  select "communityCode", coalesce(name, ''), households, coalesce(population, 0), geom, source, key from r where id is null
  returning id
),
updated as (
  update building b
  set name = coalesce(r.name, b.name), households = r.households, population = coalesce(r.population, b.population),
      geom = coalesce(r.geom, b.geom), source = case when r.geom is null then b.source else r.source end
  from r
  where r.id is not null and b.id = r.id
  returning b.id
)
select id from inserted union all select id from updated;
