-- The community a facility belongs to for scope checks: the one containing it, or else the
-- nearest. $1 integer facility id. Output: code (no row when the facility does not exist).
select (select r.code from region r
        where r.level = 'community'
        order by ST_Intersects(r.geom, f.geom) desc, r.geom <-> f.geom, r.code
        limit 1) as code
from facility f
where f.id = $1;
