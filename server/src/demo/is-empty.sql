-- Whether the database holds no regions yet (a first start). Output: empty boolean.
select not exists (select 1 from region) as empty;
