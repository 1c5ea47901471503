-- Which grids came from which: a split gives the new grid its parent, a merge records the grid
-- it absorbed.
create table grid_lineage (
  parent_id  integer not null references grid (id),
  child_id   integer not null references grid (id),
  kind       text not null check (kind in ('split', 'merge')),
  at         timestamptz not null default now(),
  primary key (parent_id, child_id, kind)
);
