-- Coverage aggregates kept current by the writes that change them, so that 覆盖分析 reads sums of
-- small per-grid and per-cell tables instead of scanning a city's members on every request.
--
--   member.reach_m   each member's distance to the nearest public Party service centre or
--                    station (metres, on a local plane at the station's latitude; null when none
--                    is within the largest offered radius, 1,500 m)
--   grid_coverage    per current grid: members by kind, members within each offered radius,
--                    Party organisations, the grid's centre and its distance to the nearest station
--   member_cell      members per fixed hexagon cell (250 m and 1 km) and grid, for heatmaps
--   area_cell        the 250 m hexagon cells whose centre lies in each grid, with their distance to
--                    the nearest station: the reached share of a grid's area and the unreached area
--
-- Statement-level triggers on member, party_org, grid and facility refresh exactly the grids a
-- statement touched, in the same transaction. A bulk loader sets `wgdt.bulk_load = on`, skips
-- them, and calls rebuild_coverage() once at the end.

-- The fixed plane every cell is laid on: anchored once, at the centre of the first city or
-- district loaded, so a cell never moves when data is added.
create table coverage_plane (
  id   boolean primary key default true check (id),
  lng0 float8 not null,
  lat0 float8 not null,
  k    float8 not null
);

create function coverage_plane_row() returns coverage_plane language plpgsql as $$
declare p coverage_plane;
begin
  select * into p from coverage_plane;
  if not found then
    insert into coverage_plane (lng0, lat0, k)
    select ST_X(c), ST_Y(c), cos(radians(ST_Y(c)))
    from (select ST_Centroid(geom) as c from region where level in ('city', 'district')
          order by length(code), code limit 1) d
    on conflict do nothing;
    select * into p from coverage_plane;
  end if;
  return p;
end $$;

create function coverage_bulk_load() returns boolean language sql stable as $$
  select coalesce(current_setting('wgdt.bulk_load', true), '') = 'on'
$$;

-- Distance from a point to the nearest public centre or station within 1,500 m (null beyond),
-- measured as reach has always been: metres east and north at the station's latitude.
create function station_reach_m(p geometry) returns float8 language sql stable as $$
  select min(sqrt(power((ST_X(p) - ST_X(f.geom)) * 111320 * cos(radians(ST_Y(f.geom))), 2)
                + power((ST_Y(p) - ST_Y(f.geom)) * 110574, 2)))
  from facility f
  where f.public and f.kind in ('center', 'station')
    and ST_DWithin(f.geom, p, 1500 / (111320 * cos(radians(ST_Y(p) + 1))))
$$;

alter table member add column reach_m float8;

create table grid_coverage (
  grid_id           integer primary key,
  centre            geometry(Point, 4326) not null,
  members           integer not null,
  formal            integer not null,
  probationary      integer not null,
  floating          integer not null,
  reached_500       integer not null,
  reached_1000      integer not null,
  reached_1500      integer not null,
  party_orgs        integer not null,
  has_branch        boolean not null,
  nearest_station_m float8,
  centre_reach_m    float8
);

create table member_cell (
  size    integer not null,
  grid_id integer not null,
  q       integer not null,
  r       integer not null,
  n       integer not null,
  primary key (size, grid_id, q, r)
);
create index member_cell_grid_idx on member_cell (grid_id);

create table area_cell (
  grid_id integer not null,
  q       integer not null,
  r       integer not null,
  pt      geometry(Point, 4326) not null,
  reach_m float8,
  primary key (grid_id, q, r)
);
create index area_cell_pt_gix on area_cell using gist (pt);

-- Recounts the given grids from the stored rows: grid_coverage and member_cell.
create function refresh_grid_coverage(ids integer[]) returns void language plpgsql as $$
declare p coverage_plane;
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  p := coverage_plane_row();
  -- Upserts, not delete + insert: two transactions refreshing one grid must not collide.
  delete from grid_coverage c where c.grid_id = any (ids)
    and not exists (select 1 from grid g where g.id = c.grid_id and g.valid_to is null);
  insert into grid_coverage (grid_id, centre, members, formal, probationary, floating,
                             reached_500, reached_1000, reached_1500, party_orgs, has_branch,
                             nearest_station_m, centre_reach_m)
  select g.id, c.centre, coalesce(m.total, 0), coalesce(m.formal, 0), coalesce(m.probationary, 0),
         coalesce(m.floating, 0), coalesce(m.r500, 0), coalesce(m.r1000, 0), coalesce(m.r1500, 0),
         coalesce(o.orgs, 0), coalesce(o.has_branch, false),
         (select round(ST_Distance(f.geom::geography, c.centre::geography)::numeric)
          from facility f where f.public and f.kind in ('center', 'station')
          order by f.geom <-> c.centre limit 1),
         station_reach_m(c.centre)
  from grid g
  cross join lateral (select ST_PointOnSurface(g.geom) as centre) c
  left join (
    select grid_id,
           count(*) as total,
           count(*) filter (where status = 'formal') as formal,
           count(*) filter (where status = 'probationary') as probationary,
           count(*) filter (where floating) as floating,
           count(*) filter (where reach_m <= 500) as r500,
           count(*) filter (where reach_m <= 1000) as r1000,
           count(*) filter (where reach_m <= 1500) as r1500
    from member where grid_id = any (ids) group by grid_id
  ) m on m.grid_id = g.id
  left join (
    select grid_id, count(*) as orgs, bool_or(kind in ('branch', 'group')) as has_branch
    from party_org where grid_id = any (ids) group by grid_id
  ) o on o.grid_id = g.id
  where g.id = any (ids) and g.valid_to is null
  on conflict (grid_id) do update set
    centre = excluded.centre, members = excluded.members, formal = excluded.formal,
    probationary = excluded.probationary, floating = excluded.floating, reached_500 = excluded.reached_500,
    reached_1000 = excluded.reached_1000, reached_1500 = excluded.reached_1500, party_orgs = excluded.party_orgs,
    has_branch = excluded.has_branch, nearest_station_m = excluded.nearest_station_m, centre_reach_m = excluded.centre_reach_m;

  delete from member_cell where grid_id = any (ids);
  -- The flat-topped hexagon (size = corner to corner) holding each home, by cube rounding of its
  -- axial coordinates; written out inline, which is ten times faster than a function per row.
  insert into member_cell (size, grid_id, q, r, n)
  select size, grid_id,
         (case when dq > dr and dq > ds then -rr - rs else rq end)::integer,
         (case when dq > dr and dq > ds then rr when dr > ds then -rq - rs else rr end)::integer,
         count(*)::integer
  from (
    select s.size, xy.grid_id, round(a.qf) as rq, round(a.rf) as rr, round(-a.qf - a.rf) as rs,
           abs(round(a.qf) - a.qf) as dq, abs(round(a.rf) - a.rf) as dr, abs(round(-a.qf - a.rf) + a.qf + a.rf) as ds
    -- offset 0 keeps each home's x, y computed once rather than in every expression using them
    from (select m.grid_id, (ST_X(m.home) - p.lng0) * 111320 * p.k as x, (ST_Y(m.home) - p.lat0) * 110574 as y
          from member m where m.grid_id = any (ids) offset 0) xy
    cross join (values (250), (1000)) s (size)
    cross join lateral (select (2.0 / 3 * xy.x) / (s.size / 2.0) as qf, (-xy.x / 3 + sqrt(3) / 3 * xy.y) / (s.size / 2.0) as rf offset 0) a
  ) h
  group by 1, 2, 3, 4
  on conflict (size, grid_id, q, r) do update set n = excluded.n;
end $$;

-- Lays the 250 m cells over the given grids (a cell belongs to the grid holding its centre).
create function refresh_area_cells(ids integer[]) returns void language plpgsql as $$
declare p coverage_plane;
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  p := coverage_plane_row();
  delete from area_cell where grid_id = any (ids);
  insert into area_cell (grid_id, q, r, pt, reach_m)
  select c.grid_id, c.q, c.r, c.pt, station_reach_m(c.pt)
  from (
    select g.id as grid_id, qs.q, rs.r,
           ST_SetSRID(ST_MakePoint(p.lng0 + (125 * 1.5 * qs.q) / (111320 * p.k),
                                   p.lat0 + (125 * sqrt(3) * (rs.r + qs.q / 2.0)) / 110574), 4326) as pt,
           g.geom
    from grid g
    cross join lateral (select (ST_XMin(g.geom) - p.lng0) * 111320 * p.k as x0, (ST_XMax(g.geom) - p.lng0) * 111320 * p.k as x1,
                               (ST_YMin(g.geom) - p.lat0) * 110574 as y0, (ST_YMax(g.geom) - p.lat0) * 110574 as y1) b
    cross join lateral generate_series(floor(b.x0 / 187.5)::integer - 1, ceil(b.x1 / 187.5)::integer + 1) qs (q)
    cross join lateral generate_series(floor(b.y0 / (125 * sqrt(3)) - qs.q / 2.0)::integer - 1,
                                       ceil(b.y1 / (125 * sqrt(3)) - qs.q / 2.0)::integer + 1) rs (r)
    where g.id = any (ids) and g.valid_to is null
  ) c
  where ST_Intersects(c.geom, c.pt)
  on conflict (grid_id, q, r) do update set pt = excluded.pt, reach_m = excluded.reach_m;
end $$;

-- Every member's reach, as station_reach_m() computes it but as one join rather than a call per
-- member (three times faster embedded); only rows whose value changes are written.
create view member_reach_recount as
select m.id, min(sqrt(power((ST_X(m.home) - ST_X(f.geom)) * 111320 * cos(radians(ST_Y(f.geom))), 2)
                    + power((ST_Y(m.home) - ST_Y(f.geom)) * 110574, 2))) as reach_m
from member m
left join facility f on f.public and f.kind in ('center', 'station')
  and ST_DWithin(f.geom, m.home, 1500 / (111320 * cos(radians(ST_Y(m.home) + 1))))
group by m.id;

-- The grid and station figures from the members' stored grid and reach.
create function rebuild_coverage_figures() returns void language plpgsql as $$
declare ids integer[] := array(select id from grid where valid_to is null);
begin
  delete from grid_coverage;
  delete from member_cell;
  delete from area_cell;
  perform refresh_area_cells(ids);
  perform refresh_grid_coverage(ids);
end $$;

-- Everything from scratch (after a bulk load, or to check the triggers).
create function rebuild_coverage() returns void language plpgsql as $$
declare previous text := coalesce(current_setting('wgdt.bulk_load', true), '');
begin
  perform set_config('wgdt.bulk_load', 'on', true);
  update member m set reach_m = x.reach_m
  from member_reach_recount x
  where m.id = x.id and m.reach_m is distinct from x.reach_m;
  perform set_config('wgdt.bulk_load', previous, true);
  perform rebuild_coverage_figures();
end $$;

-- Triggers ------------------------------------------------------------------------------------

create function member_set_reach() returns trigger language plpgsql as $$
begin
  new.reach_m := station_reach_m(new.home);
  return new;
end $$;
-- The condition is checked without calling the function: a bulk load pays nothing per row.
create trigger member_reach before insert or update of home on member
  for each row when (not coverage_bulk_load()) execute function member_set_reach();

-- The grids a statement on member or party_org touched, before and after.
create function coverage_rows_changed() returns trigger language plpgsql as $$
declare ids integer[];
begin
  if coverage_bulk_load() then return null; end if;
  if tg_op = 'INSERT' then
    ids := array(select distinct grid_id from new_rows where grid_id is not null);
  elsif tg_op = 'DELETE' then
    ids := array(select distinct grid_id from old_rows where grid_id is not null);
  else
    ids := array(select grid_id from old_rows where grid_id is not null
                 union select grid_id from new_rows where grid_id is not null);
  end if;
  perform refresh_grid_coverage(ids);
  return null;
end $$;

create trigger member_coverage_insert after insert on member
  referencing new table as new_rows for each statement execute function coverage_rows_changed();
create trigger member_coverage_update after update on member
  referencing old table as old_rows new table as new_rows for each statement execute function coverage_rows_changed();
create trigger member_coverage_delete after delete on member
  referencing old table as old_rows for each statement execute function coverage_rows_changed();
create trigger party_org_coverage_insert after insert on party_org
  referencing new table as new_rows for each statement execute function coverage_rows_changed();
create trigger party_org_coverage_update after update on party_org
  referencing old table as old_rows new table as new_rows for each statement execute function coverage_rows_changed();
create trigger party_org_coverage_delete after delete on party_org
  referencing old table as old_rows for each statement execute function coverage_rows_changed();

-- A grid that appeared, changed shape or was retired: its cells and its figures.
create function grid_coverage_changed() returns trigger language plpgsql as $$
declare ids integer[];
begin
  if coverage_bulk_load() then return null; end if;
  if tg_op = 'INSERT' then
    ids := array(select id from new_rows);
  elsif tg_op = 'DELETE' then
    ids := array(select id from old_rows);
  else
    ids := array(select n.id from new_rows n join old_rows o on o.id = n.id
                 where n.valid_to is distinct from o.valid_to or not ST_Equals(n.geom, o.geom));
  end if;
  if cardinality(ids) = 0 then return null; end if;
  perform refresh_area_cells(ids);
  perform refresh_grid_coverage(ids);
  return null;
end $$;

create trigger grid_coverage_insert after insert on grid
  referencing new table as new_rows for each statement execute function grid_coverage_changed();
create trigger grid_coverage_update after update on grid
  referencing old table as old_rows new table as new_rows for each statement execute function grid_coverage_changed();
create trigger grid_coverage_delete after delete on grid
  referencing old table as old_rows for each statement execute function grid_coverage_changed();

-- A public centre or station that appeared, moved, closed or changed kind: the members, cells
-- and grid centres near where it was and where it is now.
create function facility_coverage_changed() returns trigger language plpgsql as $$
declare pts geometry[];
begin
  if coverage_bulk_load() then return null; end if;
  if tg_op = 'INSERT' then
    pts := array(select geom from new_rows where public and kind in ('center', 'station'));
  elsif tg_op = 'DELETE' then
    pts := array(select geom from old_rows where public and kind in ('center', 'station'));
  else
    pts := array(
      select x.geom
      from new_rows n join old_rows o on o.id = n.id
      cross join lateral (values (o.geom, o.public and o.kind in ('center', 'station')),
                                 (n.geom, n.public and n.kind in ('center', 'station'))) x (geom, counts)
      where x.counts
        and (not ST_Equals(n.geom, o.geom) or n.public is distinct from o.public or n.kind is distinct from o.kind));
  end if;
  if cardinality(pts) = 0 then return null; end if;

  -- 1,600 m in degrees at the point's latitude (+1° for margin): more than station_reach_m's reach.
  update member m set reach_m = near.d
  from (select id, station_reach_m(home) as d
        from member where id in (select m2.id from member m2, unnest(pts) p (geom)
                                 where m2.home && ST_Expand(p.geom, 1600 / (111320 * cos(radians(ST_Y(p.geom) + 1)))))) near
  where m.id = near.id and m.reach_m is distinct from near.d;

  update area_cell c set reach_m = station_reach_m(c.pt)
  from (select distinct c2.grid_id, c2.q, c2.r from area_cell c2, unnest(pts) p (geom)
        where c2.pt && ST_Expand(p.geom, 1600 / (111320 * cos(radians(ST_Y(p.geom) + 1))))) near
  where c.grid_id = near.grid_id and c.q = near.q and c.r = near.r;

  -- Grids whose nearest station may have changed: the point is (or was) at most as far as it.
  perform refresh_grid_coverage(array(
    select distinct gc.grid_id from grid_coverage gc, unnest(pts) p (geom)
    where gc.nearest_station_m is null
       or ST_Distance(gc.centre::geography, p.geom::geography) <= gc.nearest_station_m + 1
       or gc.centre && ST_Expand(p.geom, 1600 / (111320 * cos(radians(ST_Y(p.geom) + 1))))));
  return null;
end $$;

create trigger facility_coverage_insert after insert on facility
  referencing new table as new_rows for each statement execute function facility_coverage_changed();
create trigger facility_coverage_update after update on facility
  referencing old table as old_rows new table as new_rows for each statement execute function facility_coverage_changed();
create trigger facility_coverage_delete after delete on facility
  referencing old table as old_rows for each statement execute function facility_coverage_changed();

select rebuild_coverage();
