-- Statistics for the tables a bulk load just filled, so the statements after it in the same
-- transaction (member grids, building grids, coverage figures) get index plans, not scans. Output: none.
analyze region, grid, facility, party_org, member, building;
