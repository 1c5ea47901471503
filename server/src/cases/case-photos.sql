-- A case's photos. $1 integer: case id. Output: seq, width, height, by seq.
select seq, width, height from case_photo where case_id = $1 order by seq;
