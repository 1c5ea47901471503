-- Moves shared borders after a grid got its new shape: each neighbour loses what the grid now
-- covers, and every piece the grid released goes to the neighbour sharing the longest border
-- with it (a piece no neighbour touches stays a gap). Each changed neighbour gets one new version.
-- $1 integer: the edited grid (already saved; its previous shape, if any, is in grid_before);
-- $2 text: who; $3 text: note; $4 float8: coordinate precision (degrees); $5 float8: sliver area
-- (m², pieces under it are dropped) (both from grid-rules.ts).
-- Output: id, version, vanished (true when the neighbour would be left with nothing; it is then
-- not changed and the caller refuses the change).
with me as (select id, community_code, geom from grid where id = $1),
previous as (select geom from grid_before where id = $1),
pieces as (
  select (ST_Dump(ST_CollectionExtract(ST_Difference(previous.geom, me.geom), 3))).geom as geom
  from me, previous
),
assigned as (
  select p.geom,
         (select n.id from grid n, me
          where n.community_code = me.community_code and n.valid_to is null and n.id <> me.id
            and n.geom && p.geom and ST_Intersects(n.geom, p.geom)
          order by ST_Length(ST_CollectionExtract(ST_Intersection(n.geom, p.geom), 2)::geography) desc, n.id
          limit 1) as neighbour
  from pieces p
  where ST_Area(p.geom::geography) > $5::float8
),
gains as (select neighbour, ST_Union(geom) as geom from assigned where neighbour is not null group by neighbour),
touched as (
  select n.id from grid n, me
  where n.community_code = me.community_code and n.valid_to is null and n.id <> me.id
    and n.geom && me.geom and ST_Relate(n.geom, me.geom, '2********')
  union
  select neighbour from gains
),
reshaped as (
  select n.id,
         ST_ReducePrecision(ST_CollectionExtract(
           ST_Union(ST_Difference(n.geom, me.geom), coalesce(gains.geom, 'SRID=4326;POLYGON EMPTY'::geometry)), 3), $4::float8) as geom
  from touched t
  join grid n on n.id = t.id
  cross join me
  left join gains on gains.neighbour = n.id
),
updated as (
  update grid n
  set geom = ST_Multi(r.geom), version = n.version + 1, valid_from = now(), updated_by = $2
  from reshaped r
  where n.id = r.id and not ST_IsEmpty(r.geom)
  returning n.*
),
history as (
  insert into grid_version (grid_id, version, code, name, community_code, geom, households, population,
                            leader_name, leader_phone, valid_from, change_kind, note, changed_by)
  select id, version, code, name, community_code, geom, households, population,
         leader_name, leader_phone, valid_from, 'neighbour', $3, $2
  from updated
)
select r.id, coalesce(u.version, 0) as version, ST_IsEmpty(r.geom) as vanished
from reshaped r left join updated u on u.id = r.id
order by r.id;
