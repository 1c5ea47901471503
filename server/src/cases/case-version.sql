-- A case's version now. $1 integer: case id. Output: version.
select version from civic_case where id = $1;
