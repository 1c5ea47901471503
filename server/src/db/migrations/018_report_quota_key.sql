-- The key that turns a client address into report_quota.address_hash (HMAC-SHA256), made once per
-- database so every API process counts an address alike, and no address is stored or can be
-- recovered from the table by trying every IPv4 address.
create table report_quota_key (
  one boolean primary key default true check (one),
  key text not null
);
insert into report_quota_key (key)
values (replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
