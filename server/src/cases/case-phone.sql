-- The reporter's phone (null once purged or never given). $1 integer: case id. Output: phone.
select reporter_phone as phone from civic_case where id = $1;
