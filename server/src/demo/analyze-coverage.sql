-- Statistics for the coverage figures a bulk load just rebuilt. Output: none.
analyze grid_coverage, member_cell, area_cell;
