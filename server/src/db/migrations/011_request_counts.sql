-- Anonymous requests per client address and minute, added up by every API process (each adds
-- its own count about once a second; server/src/http/shared-rate-limit.ts), so the per-address
-- budget holds however many processes serve.
create table request_count (
  key    text not null,
  minute bigint not null,
  hits   integer not null,
  primary key (key, minute)
);
