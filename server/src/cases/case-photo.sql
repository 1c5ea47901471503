-- One photo of a case. $1 integer: case id; $2 integer: seq. Output: mime, bytes (no row when none).
select mime, bytes from case_photo where case_id = $1 and seq = $2;
