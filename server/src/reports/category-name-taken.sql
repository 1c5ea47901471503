-- Whether another category has this name. $1 text: id; $2 text: name. Output: a row when taken.
select 1 as taken from case_category where name = $2 and id <> $1;
