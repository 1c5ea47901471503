-- The ids of a community's buildings. $1 text community code. Output: id.
select id from building where community_code = $1 order by id;
