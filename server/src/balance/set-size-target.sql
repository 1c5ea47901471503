-- Sets (or replaces) a region's grid size target. $1 text region code; $2 integer households
-- min; $3 integer households max; $4 float8 max deviation; $5 text who. Output: none.
insert into grid_size_target (region_code, households_min, households_max, max_deviation, updated_by, updated_at)
values ($1, $2, $3, $4, $5, now())
on conflict (region_code) do update
set households_min = excluded.households_min, households_max = excluded.households_max,
    max_deviation = excluded.max_deviation, updated_by = excluded.updated_by, updated_at = now();
