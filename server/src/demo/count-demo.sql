-- What the demo load put in the database. Output: regions, grids, facilities, partyOrgs, members,
-- buildings.
select (select count(*)::int from region) as regions,
       (select count(*)::int from grid) as grids,
       (select count(*)::int from facility) as facilities,
       (select count(*)::int from party_org) as "partyOrgs",
       (select count(*)::int from member) as members,
       (select count(*)::int from building) as buildings;
