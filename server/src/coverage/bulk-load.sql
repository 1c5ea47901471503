-- Turns the coverage triggers off for the rest of this transaction (bulk loads rebuild at the
-- end instead). Output: none.
select set_config('wgdt.bulk_load', 'on', true);
