-- Stages the readable grids of an import in a temp table (dropped at commit or rollback) and
-- checks each shape before any overlay touches it (a GEOS exception wedges the embedded database).
-- $1 json: array of {row, code, name, communityCode, households, population, leaderName,
-- leaderPhone, geometry}. Output: none.
create temp table import_grid on commit drop as
with r as (
  select r.*, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326)) as geom
  from json_to_recordset($1::json) as r(
    "row" integer, code text, name text, "communityCode" text, households integer, population integer,
    "leaderName" text, "leaderPhone" text, geometry json)
)
select r."row" as row_no, r.code, r.name, r."communityCode" as community_code,
       r."communityCode" is not null as community_given,
       r.households, r.population, r."leaderName" as leader_name, r."leaderPhone" as leader_phone,
       r.geom, d.valid, d.reason, ST_X(d.location) as problem_lng, ST_Y(d.location) as problem_lat
from r, ST_IsValidDetail(r.geom) d;
