-- What the per-grid coverage CSV adds to coverage/grid-stats.sql: the community's name and the
-- public Party service centres and stations in each grid (facility.grid_id, kept current by edits) (the kinds grid-stats measures the
-- nearest-station distance to).
-- $1 text: region code (grid codes start with it). Output: id, community_name, stations integer.
select g.id, c.name as community_name,
       (select count(*)::integer from facility f
        where f.grid_id = g.id and f.public and f.kind in ('center', 'station')) as stations
from grid g
left join region c on c.code = g.community_code
where g.valid_to is null and g.code like $1::text || '%';
