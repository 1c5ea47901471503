-- A category a report may choose (active). $1 text: id. Output: id, accept_days, close_days.
select id, accept_days, close_days from case_category where id = $1 and active;
