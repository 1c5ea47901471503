-- Pinyin keys for the public search (server/src/search/search.sql): "shenglimen" or "slm" finds
-- 胜利门社区, its stations and its grids.
--
-- search_pinyin holds a row's full pinyin without spaces and its initials, space-separated, in
-- lower case ('shenglimenshequ slmsq'; a station's address follows its name). The server works it
-- out (server/src/search/search-pinyin.ts, with pinyin-pro): at start and before each search it
-- fills the rows where it is null, so every write path (imports, the station editor, grid saves,
-- the demo loader) is covered without knowing about it. New rows start null; the triggers below
-- clear it when a name or address changes, so it is filled again.
alter table facility add column search_pinyin text;
alter table region add column search_pinyin text;
alter table grid add column search_pinyin text;

create function search_pinyin_clear() returns trigger language plpgsql as $$
begin
  new.search_pinyin := null;
  return new;
end $$;

create trigger facility_search_pinyin before update of name, address on facility
  for each row when (old.name is distinct from new.name or old.address is distinct from new.address)
  execute function search_pinyin_clear();
create trigger region_search_pinyin before update of name on region
  for each row when (old.name is distinct from new.name) execute function search_pinyin_clear();
create trigger grid_search_pinyin before update of name on grid
  for each row when (old.name is distinct from new.name) execute function search_pinyin_clear();

-- The rows still to fill: empty indexes once everything is filled, so the check before each
-- search reads nothing.
create index facility_pinyin_missing_idx on facility (id) where search_pinyin is null;
create index region_pinyin_missing_idx on region (code) where search_pinyin is null and level in ('street', 'community');
create index grid_pinyin_missing_idx on grid (id) where search_pinyin is null and valid_to is null;

-- Substring search on the keys, as on names (migration 007).
create index facility_pinyin_trgm_idx on facility using gin (search_pinyin gin_trgm_ops);
create index region_pinyin_trgm_idx on region using gin (search_pinyin gin_trgm_ops);
create index grid_pinyin_trgm_idx on grid using gin (search_pinyin gin_trgm_ops);
