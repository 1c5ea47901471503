-- A grid's current attributes for an edit, locking its row until the transaction ends. $1 integer id.
-- Output: id, code, name, communityCode, households, population, leaderName, leaderPhone, version, retired.
select id, code, name, community_code as "communityCode", households, population,
       leader_name as "leaderName", leader_phone as "leaderPhone", version, valid_to is not null as retired
from grid where id = $1
for update;
