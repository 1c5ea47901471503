-- Station changes update members' reach by increments instead of recomputing every member near
-- the station (12,000 members in the old city, about a second per station):
--   * a station that appears (new, made public or a centre/station, or moved here): each member
--     within its reach takes the nearer of their reach and the distance to it;
--   * a station that disappears (deleted, hidden, or moved away): only the members it was nearest
--     to (their reach equals the distance to it, computed the same way) are recomputed against
--     the stations there are now.
-- The distance is the one station_reach_m and member_reach_recount use (migration 008), so the
-- increments equal a full recount. The grids near the change get their station figures again;
-- their member figures follow the members' update. Station coverage changes take a transaction-level advisory
-- lock, so two at once queue instead of deadlocking on the same members.
create function station_distance_m(home geometry, station geometry) returns float8
language sql immutable parallel safe as $$
  select sqrt(power((ST_X(home) - ST_X(station)) * 111320 * cos(radians(ST_Y(station))), 2)
              + power((ST_Y(home) - ST_Y(station)) * 110574, 2))
$$;

create or replace function facility_coverage_changed() returns trigger language plpgsql as $$
declare
  added geometry[] := '{}';
  removed geometry[] := '{}';
  pts geometry[];
begin
  if coverage_bulk_load() then return null; end if;
  if tg_op = 'INSERT' then
    added := array(select geom from new_rows where public and kind in ('center', 'station'));
  elsif tg_op = 'DELETE' then
    removed := array(select geom from old_rows where public and kind in ('center', 'station'));
  else
    removed := array(
      select o.geom from old_rows o join new_rows n on n.id = o.id
      where o.public and o.kind in ('center', 'station')
        and (not (n.public and n.kind in ('center', 'station')) or not ST_Equals(n.geom, o.geom)));
    added := array(
      select n.geom from old_rows o join new_rows n on n.id = o.id
      where n.public and n.kind in ('center', 'station')
        and (not (o.public and o.kind in ('center', 'station')) or not ST_Equals(n.geom, o.geom)));
  end if;
  pts := added || removed;
  if cardinality(pts) = 0 then return null; end if;
  perform pg_advisory_xact_lock(hashtext('wgdt.station_coverage'));

  if cardinality(removed) > 0 then
    update member m set reach_m = station_reach_m(m.home)
    where m.id in (select m2.id from member m2, unnest(removed) r (geom)
                   where m2.home && ST_Expand(r.geom, 1600 / (111320 * cos(radians(ST_Y(r.geom) + 1))))
                     and m2.reach_m = station_distance_m(m2.home, r.geom));
  end if;
  if cardinality(added) > 0 then
    update member m set reach_m = near.d
    from (select m2.id, min(station_distance_m(m2.home, a.geom)) as d
          from member m2, unnest(added) a (geom)
          where m2.home && ST_Expand(a.geom, 1600 / (111320 * cos(radians(ST_Y(a.geom) + 1))))
            and ST_DWithin(a.geom, m2.home, 1500 / (111320 * cos(radians(ST_Y(m2.home) + 1))))
          group by m2.id) near
    where m.id = near.id and (m.reach_m is null or near.d < m.reach_m);
  end if;

  update area_cell c set reach_m = station_reach_m(c.pt)
  from (select distinct c2.grid_id, c2.q, c2.r from area_cell c2, unnest(pts) p (geom)
        where c2.pt && ST_Expand(p.geom, 1600 / (111320 * cos(radians(ST_Y(p.geom) + 1))))) near
  where c.grid_id = near.grid_id and c.q = near.q and c.r = near.r;

  -- Grids whose nearest station may have changed: the point is (or was) at most as far as it, or
  -- within the centre's reach. Only their station figures are worked out again here: the member
  -- counts by reach follow the members' own update (the member triggers refresh their grids).
  update grid_coverage gc set
    nearest_station_m = (select round(ST_Distance(f.geom::geography, gc.centre::geography)::numeric)
                         from facility f where f.public and f.kind in ('center', 'station')
                         order by f.geom <-> gc.centre limit 1),
    centre_reach_m = station_reach_m(gc.centre)
  where gc.grid_id in (
    select gc2.grid_id from grid_coverage gc2, unnest(pts) p (geom)
    where gc2.nearest_station_m is null
       or ST_Distance(gc2.centre::geography, p.geom::geography) <= gc2.nearest_station_m + 1
       or gc2.centre && ST_Expand(p.geom, 1600 / (111320 * cos(radians(ST_Y(p.geom) + 1)))));
  return null;
end $$;
