-- Loads members; grid_id is the current grid containing the home point.
-- $1 text: JSON array of {name, status, orgKey, floating, lng, lat, phone}. Output: none.
insert into member (name, status, org_id, floating, home, grid_id, phone)
select m.name, m.status, o.id, m.floating, x.pt,
       (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, x.pt) order by g.id limit 1),
       m.phone
from json_to_recordset($1::json)
       as m(name text, status text, "orgKey" text, floating boolean, lng double precision, lat double precision, phone text)
cross join lateral (select ST_SetSRID(ST_MakePoint(m.lng, m.lat), 4326) as pt) as x
left join party_org o on o.ext_key = m."orgKey";
