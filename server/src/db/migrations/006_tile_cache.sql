-- Vector tiles at the speed of the database, and a tile cache several processes can share.
--
-- tile_feature: what the public tile layers show, already in Web Mercator (EPSG:3857) and, for
-- polygons, generalised per zoom band, so a tile request neither transforms nor simplifies.
-- Bands (bandFor in server/src/tiles/tile-geometry.ts picks one by zoom): 0 full detail
-- (z >= 14), 1 simplified to 1 tile unit at z13 (z 11–13), 2 to 1 unit at z10 (z 8–10), 3 to 1
-- unit at z7 (z <= 7). A tile unit is 1/4096 of a tile's width (a screen pixel is about 8), so a
-- band's simplification cannot be seen at its zooms. Facilities (points) have band 0 only.
--
-- tile_change: the bounding boxes (WGS84 degrees, before and after) of every change to what a
-- tile layer shows. Each server process reads the rows committed since its last read and evicts
-- the cached tiles they touch; rows are told apart by the writing transaction (xid) so a
-- transaction committing late is never skipped. Processes prune rows older than an hour.
--
-- Both are maintained by statement-level triggers on region, grid and facility.

create table tile_feature (
  layer text not null check (layer in ('regions', 'grids', 'facilities')),
  fid   text not null,
  band  smallint not null check (band between 0 and 3),
  name  text,
  kind  text,
  code  text,
  geom  geometry(Geometry, 3857) not null,
  -- The full-detail shape's bounding box, whatever the band: every band's tile considers the
  -- same features as a full-detail one would, without reading the full-detail shapes.
  extent geometry(Geometry, 3857) not null,
  primary key (layer, fid, band)
);
-- One index per layer and band, so a tile's lookup only walks the entries it can use.
create index tile_feature_regions_0 on tile_feature using gist (extent) where layer = 'regions' and band = 0;
create index tile_feature_regions_1 on tile_feature using gist (extent) where layer = 'regions' and band = 1;
create index tile_feature_regions_2 on tile_feature using gist (extent) where layer = 'regions' and band = 2;
create index tile_feature_regions_3 on tile_feature using gist (extent) where layer = 'regions' and band = 3;
create index tile_feature_grids_0 on tile_feature using gist (extent) where layer = 'grids' and band = 0;
create index tile_feature_grids_1 on tile_feature using gist (extent) where layer = 'grids' and band = 1;
create index tile_feature_grids_2 on tile_feature using gist (extent) where layer = 'grids' and band = 2;
create index tile_feature_grids_3 on tile_feature using gist (extent) where layer = 'grids' and band = 3;
create index tile_feature_facilities_0 on tile_feature using gist (extent) where layer = 'facilities' and band = 0;

create table tile_change (
  seq   bigint generated always as identity primary key,
  xid   xid8 not null default pg_current_xact_id(),
  layer text not null,
  west  double precision not null,
  south double precision not null,
  east  double precision not null,
  north double precision not null,
  at    timestamptz not null default clock_timestamp()
);
create index tile_change_xid_idx on tile_change (xid);
create index tile_change_at_idx on tile_change (at);

-- A shape (3857) at a band's tolerance: one tile unit at the band's highest zoom, but never more
-- than an eighth of the shape's own width or height, so small shapes keep their outline. (Should
-- a generalised shape still vanish from a tile where the full-detail one shows, the tile queries
-- fall back to the full-detail shape for it.)
create function tile_generalise(g geometry, band integer) returns geometry
language sql immutable parallel safe as $$
  select case when band = 0 then g else ST_SimplifyPreserveTopology(g, least(
    40075016.68557849 / 4096 / (2 ^ case band when 1 then 13 when 2 then 10 else 7 end),
    least(ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g)) / 8)) end
$$;

-- The rows of tile_feature for shapes in WGS84: one per band (points: band 0 only).
create function tile_feature_rows(layer text, fid text, name text, kind text, code text, g4326 geometry)
returns setof tile_feature
language sql stable parallel safe as $$
  select layer, fid, b::smallint, name, kind, code, tile_generalise(g, b), ST_Envelope(g)
  from (select ST_Transform(g4326, 3857) as g) t,
       generate_series(0, case when layer = 'facilities' then 0 else 3 end) as b
$$;

-- Changes of one layer: boxes (distinct) to log, features to (re)write (all bands of each), feature ids to drop.
-- Each trigger function below computes them from its transition tables and calls this.
create function tile_apply_changes(p_layer text, boxes box2d[], upserts tile_feature[], removed text[])
returns void language plpgsql as $$
begin
  insert into tile_change (layer, west, south, east, north)
  select distinct p_layer, ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) from unnest(boxes) b where b is not null;
  -- Rewritten features are deleted and inserted again (cheaper than an upsert per row).
  delete from tile_feature
  where layer = p_layer
    and fid = any (coalesce(removed, '{}') || coalesce((select array_agg(distinct u.fid) from unnest(upserts) u), '{}'));
  if upserts is not null and cardinality(upserts) > 0 then
    insert into tile_feature select * from unnest(upserts);
  end if;
end
$$;

-- grid: shown while current (valid_to null); a tile shows id, name, code and the shape.
create function tile_grid_changed() returns trigger language plpgsql as $$
declare
  boxes box2d[];
  upserts tile_feature[];
  removed text[];
begin
  if tg_op = 'INSERT' then
    select array_agg(box2d(geom)) into boxes from new_rows where valid_to is null;
    select array_agg(f) into upserts from new_rows n, tile_feature_rows('grids', n.id::text, n.name, null, n.code, n.geom) f
      where n.valid_to is null;
  elsif tg_op = 'DELETE' then
    select array_agg(box2d(geom)) filter (where valid_to is null), array_agg(id::text) into boxes, removed from old_rows;
  else
    with changed as (
      select o.id, o.geom as old_geom, o.valid_to is null as old_shown, n.geom as new_geom, n.valid_to is null as new_shown, n.name, n.code
      from old_rows o join new_rows n on n.id = o.id
      where (o.valid_to is null) <> (n.valid_to is null)
         or (n.valid_to is null and (o.name is distinct from n.name or o.code is distinct from n.code or o.geom is distinct from n.geom))
    )
    select (select array_agg(b) from (select box2d(old_geom) b from changed where old_shown
                                      union all select box2d(new_geom) from changed where new_shown) s),
           (select array_agg(f) from changed c, tile_feature_rows('grids', c.id::text, c.name, null, c.code, c.new_geom) f where c.new_shown),
           (select array_agg(id::text) from changed where not new_shown)
      into boxes, upserts, removed;
  end if;
  perform tile_apply_changes('grids', boxes, upserts, removed);
  return null;
end
$$;

-- facility: shown when public; a tile shows id, name, kind and the point.
create function tile_facility_changed() returns trigger language plpgsql as $$
declare
  boxes box2d[];
  upserts tile_feature[];
  removed text[];
begin
  if tg_op = 'INSERT' then
    select array_agg(box2d(geom)) into boxes from new_rows where public;
    select array_agg(f) into upserts from new_rows n, tile_feature_rows('facilities', n.id::text, n.name, n.kind, null, n.geom) f
      where n.public;
  elsif tg_op = 'DELETE' then
    select array_agg(box2d(geom)) filter (where public), array_agg(id::text) into boxes, removed from old_rows;
  else
    with changed as (
      select o.id, o.geom as old_geom, o.public as old_shown, n.geom as new_geom, n.public as new_shown, n.name, n.kind
      from old_rows o join new_rows n on n.id = o.id
      where o.public <> n.public
         or (n.public and (o.name is distinct from n.name or o.kind is distinct from n.kind or o.geom is distinct from n.geom))
    )
    select (select array_agg(b) from (select box2d(old_geom) b from changed where old_shown
                                      union all select box2d(new_geom) from changed where new_shown) s),
           (select array_agg(f) from changed c, tile_feature_rows('facilities', c.id::text, c.name, c.kind, null, c.new_geom) f where c.new_shown),
           (select array_agg(id::text) from changed where not new_shown)
      into boxes, upserts, removed;
  end if;
  perform tile_apply_changes('facilities', boxes, upserts, removed);
  return null;
end
$$;

-- region: always shown; a tile shows the code (as id), name, level (as kind) and the shape.
create function tile_region_changed() returns trigger language plpgsql as $$
declare
  boxes box2d[];
  upserts tile_feature[];
  removed text[];
begin
  if tg_op = 'INSERT' then
    select array_agg(box2d(geom)) into boxes from new_rows;
    select array_agg(f) into upserts from new_rows n, tile_feature_rows('regions', n.code, n.name, n.level, null, n.geom) f;
  elsif tg_op = 'DELETE' then
    select array_agg(box2d(geom)), array_agg(code) into boxes, removed from old_rows;
  else
    with changed as (
      select o.code as old_code, o.geom as old_geom, n.code, n.geom as new_geom, n.name, n.level
      from old_rows o join new_rows n on n.code = o.code
      where o.name is distinct from n.name or o.level is distinct from n.level or o.geom is distinct from n.geom
    )
    select (select array_agg(b) from (select box2d(old_geom) b from changed union all select box2d(new_geom) from changed) s),
           (select array_agg(f) from changed c, tile_feature_rows('regions', c.code, c.name, c.level, null, c.new_geom) f)
      into boxes, upserts;
  end if;
  perform tile_apply_changes('regions', boxes, upserts, removed);
  return null;
end
$$;

-- A truncated table leaves nothing of its layer: drop its features, evict the whole world.
create function tile_layer_truncated() returns trigger language plpgsql as $$
begin
  delete from tile_feature where layer = tg_argv[0];
  insert into tile_change (layer, west, south, east, north) values (tg_argv[0], -180, -90, 180, 90);
  return null;
end
$$;

create trigger grid_tile_insert after insert on grid referencing new table as new_rows
  for each statement execute function tile_grid_changed();
create trigger grid_tile_update after update on grid referencing old table as old_rows new table as new_rows
  for each statement execute function tile_grid_changed();
create trigger grid_tile_delete after delete on grid referencing old table as old_rows
  for each statement execute function tile_grid_changed();
create trigger grid_tile_truncate after truncate on grid
  for each statement execute function tile_layer_truncated('grids');

create trigger facility_tile_insert after insert on facility referencing new table as new_rows
  for each statement execute function tile_facility_changed();
create trigger facility_tile_update after update on facility referencing old table as old_rows new table as new_rows
  for each statement execute function tile_facility_changed();
create trigger facility_tile_delete after delete on facility referencing old table as old_rows
  for each statement execute function tile_facility_changed();
create trigger facility_tile_truncate after truncate on facility
  for each statement execute function tile_layer_truncated('facilities');

create trigger region_tile_insert after insert on region referencing new table as new_rows
  for each statement execute function tile_region_changed();
create trigger region_tile_update after update on region referencing old table as old_rows new table as new_rows
  for each statement execute function tile_region_changed();
create trigger region_tile_delete after delete on region referencing old table as old_rows
  for each statement execute function tile_region_changed();
create trigger region_tile_truncate after truncate on region
  for each statement execute function tile_layer_truncated('regions');

-- Rebuilds a layer's tile_feature rows from its table and evicts all its cached tiles: for a bulk
-- load that ran with triggers disabled. select tile_refresh('grids') (or 'regions', 'facilities').
create function tile_refresh(p_layer text) returns void language plpgsql as $$
begin
  delete from tile_feature where layer = p_layer;
  if p_layer = 'regions' then
    insert into tile_feature
    select f.* from region r, tile_feature_rows('regions', r.code, r.name, r.level, null, r.geom) f;
  elsif p_layer = 'grids' then
    insert into tile_feature
    select f.* from grid g, tile_feature_rows('grids', g.id::text, g.name, null, g.code, g.geom) f where g.valid_to is null;
  elsif p_layer = 'facilities' then
    insert into tile_feature
    select f.* from facility x, tile_feature_rows('facilities', x.id::text, x.name, x.kind, null, x.geom) f where x.public;
  else
    raise exception 'no tile layer %', p_layer;
  end if;
  insert into tile_change (layer, west, south, east, north) values (p_layer, -180, -90, 180, 90);
end
$$;

-- What is there already.
select tile_refresh('regions');
select tile_refresh('grids');
select tile_refresh('facilities');
analyze tile_feature;
