-- Loads members, without their grid: assign-member-grids.sql sets it for all of them at once.
-- $1 text: JSON array of {name, status, orgKey, floating, lng, lat, phone}. Output: none.
insert into member (name, status, org_id, floating, home, phone)
select m.name, m.status, o.id, m.floating, x.pt, m.phone
from json_to_recordset($1::json)
       as m(name text, status text, "orgKey" text, floating boolean, lng double precision, lat double precision, phone text)
cross join lateral (select ST_SetSRID(ST_MakePoint(m.lng, m.lat), 4326) as pt) as x
left join party_org o on o.ext_key = m."orgKey";
