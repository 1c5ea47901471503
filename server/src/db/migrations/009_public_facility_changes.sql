-- The facility layer of the tile change log (006) also records changes to what the public finder
-- shows of a public facility (address, phone, opening hours, services), not only to what a tile
-- shows: the in-memory public facility index (server/src/nearest/public-facility-index.ts) of
-- every process follows this log and reads the facilities again after such a change.
create or replace function tile_facility_changed() returns trigger language plpgsql as $$
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
         or (n.public and (o.name is distinct from n.name or o.kind is distinct from n.kind or o.geom is distinct from n.geom
                           or o.address is distinct from n.address or o.phone is distinct from n.phone
                           or o.opening_hours is distinct from n.opening_hours or o.services is distinct from n.services))
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
