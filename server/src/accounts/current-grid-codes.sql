-- Which of the given grid codes name a current (not retired) grid. $1 text[]: codes.
-- Output: code.
select code from grid where code = any ($1::text[]) and valid_to is null;
