-- Indexes for the public search (server/src/search/search.sql) and the stations-in-view list.
--
-- The search ranks, per type, by name length then name and keeps the first few, so:
-- * (length(name), name) btrees let a short, common text (社区, 街) stop after the first few rows
--   in that order instead of reading and sorting every match; they carry the id (INCLUDE), so a
--   rare short text that walks the whole index still reads no table rows (an index-only scan);
-- * trigram GIN indexes on lower(name) find a rarer text of three characters or more directly
--   (a trigram index cannot narrow a one- or two-character text, the ordered scan serves those;
--   they are not partial, so ANALYZE keeps statistics of lower(name) and the planner can tell a
--   common text from a rare one);
-- * text_pattern_ops btrees serve a code prefix (LIKE '3202130210%') whatever the collation.
create extension if not exists pg_trgm;

create index facility_search_order_idx on facility ((length(name)), name) include (id) where public;
create index facility_name_trgm_idx on facility using gin (lower(name) gin_trgm_ops);

create index region_search_order_idx on region ((length(name)), name) include (code, level) where level in ('street', 'community');
create index region_name_trgm_idx on region using gin (lower(name) gin_trgm_ops);
create index region_code_prefix_idx on region (code text_pattern_ops);

create index grid_search_order_idx on grid ((length(name)), name) include (id) where valid_to is null;
create index grid_name_trgm_idx on grid using gin (lower(name) gin_trgm_ops);
create index grid_code_prefix_idx on grid (code text_pattern_ops) where valid_to is null;
