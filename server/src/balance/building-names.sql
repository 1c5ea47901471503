-- Buildings' names and figures. $1 integer[] ids. Output: id, name, households, population.
select id, name, households, population from building where id = any ($1::integer[]);
