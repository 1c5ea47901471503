-- One current grid unit as a GeoJSON Feature.
-- $1 integer: grid id. Output: feature text, version integer (no row when unknown or retired).
select feature::text as feature, version
from grid_feature
where id = $1 and valid_to is null;
