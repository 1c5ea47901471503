-- One recorded version of a grid. $1 integer grid id; $2 integer version.
-- Output: geometry text (GeoJSON), name, households, population, leaderName, leaderPhone,
-- retired (the version that retired the grid).
select ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7) as geometry, name, households, population,
       leader_name as "leaderName", leader_phone as "leaderPhone", valid_to is not null as retired
from grid_version where grid_id = $1 and version = $2;
