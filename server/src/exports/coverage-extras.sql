-- What the per-grid coverage CSV adds to coverage/grid-stats.sql: the names of the grid's street
-- and community, and the public Party service centres and stations in each grid (facility.grid_id,
-- kept current by edits) (the kinds grid-stats measures the nearest-station distance to).
-- $1 text: region code (grid codes start with it).
-- Output: id, street_code, street_name, community_name, stations integer.
select g.id, s.code as street_code, s.name as street_name, c.name as community_name,
       (select count(*)::integer from facility f
        where f.grid_id = g.id and f.public and f.kind in ('center', 'station')) as stations
from grid g
left join region c on c.code = g.community_code
left join region s on s.code = coalesce(c.parent_code, left(g.community_code, 9))
where g.valid_to is null and g.code like $1::text || '%';
