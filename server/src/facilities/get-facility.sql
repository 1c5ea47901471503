-- One facility as a GeoJSON Feature. $1 integer id; $2 boolean: include non-public.
-- Output: feature text (no row when unknown or hidden).
select feature::text as feature from facility_feature where id = $1 and (public or $2::boolean);
