-- Lets suggest-best.sql find unreached members near a site through the index. Output: none.
create index on suggest_demand using gist (pt);
