-- Current grids of a community. $1 text: community code. Output: id, version.
select id, version from grid where community_code = $1 and valid_to is null order by id;
