-- Whether a case category exists (active or not). $1 text category id. Output: one row when it does.
select 1 as known from case_category where id = $1;
