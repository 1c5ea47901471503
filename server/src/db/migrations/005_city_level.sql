-- A city (地级市) above its districts, so one account can be scoped to a whole city. Its code is
-- the 4-digit prefix its districts' codes share (无锡市: 3202), which keeps scopes nesting by
-- prefix: 3202 ⊃ 320213 ⊃ 320213021 ⊃ 320213021001.
do $$
declare c record;
begin
  for c in select conname from pg_constraint where conrelid = 'region'::regclass and contype = 'c' loop
    execute format('alter table region drop constraint %I', c.conname);
  end loop;
end $$;

alter table region
  add constraint region_code_format check (code ~ '^[0-9]{4}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?$'),
  add constraint region_level_known check (level in ('city', 'district', 'street', 'community')),
  add constraint region_level_matches_code
    check (length(code) = case level when 'city' then 4 when 'district' then 6 when 'street' then 9 else 12 end);
