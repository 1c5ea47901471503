-- A re-encoded photo of a case. $1 integer: case id; $2 integer: seq (1–3); $3 text: mime;
-- $4 integer: width; $5 integer: height; $6 bytea: the image; $7 timestamptz: now. Output: seq.
insert into case_photo (case_id, seq, mime, width, height, bytes, created_at)
values ($1, $2, $3, $4, $5, $6, $7)
returning seq;
