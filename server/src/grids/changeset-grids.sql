-- The grids a changeset wrote, each with its version before the changeset (null when the
-- changeset created it), its last version in the changeset and its current version.
-- $1 integer changeset id. Output: id, code, name, communityCode, versionBefore, versionAfter,
-- currentVersion, in code order (no rows for an unknown changeset).
with touched as (
  select grid_id, min(version) as first, max(version) as last
  from grid_version where changeset_id = $1
  group by grid_id
)
select g.id, g.code, g.name, g.community_code as "communityCode",
       (select max(p.version) from grid_version p where p.grid_id = t.grid_id and p.version < t.first) as "versionBefore",
       t.last as "versionAfter", g.version as "currentVersion"
from touched t join grid g on g.id = t.grid_id
order by g.code;
