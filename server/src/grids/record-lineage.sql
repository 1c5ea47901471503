-- Records that grid $2 came from (split) or absorbed (merge) grid $1. $3 text kind. Output: none.
insert into grid_lineage (parent_id, child_id, kind) values ($1, $2, $3);
