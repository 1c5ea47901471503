-- The tables of the platform's own in the public schema (PostGIS's spatial_ref_sys is not one).
-- No input. Output: name.
select c.relname as name
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'spatial_ref_sys'
order by 1;
