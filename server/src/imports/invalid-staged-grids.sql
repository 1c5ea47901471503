-- Staged grids whose shape is not a valid polygon, with the reason and where. Output: row_no,
-- reason, problem_lng, problem_lat (null when the check gives no location).
select row_no, reason, problem_lng, problem_lat from import_grid where not valid order by row_no;
