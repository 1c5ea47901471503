-- Sign-in attempts counted in the database, so that every API process shares one count: per
-- username ('user:' || lower(username)) and per client address ('ip:' || address), over a window
-- that starts with the first attempt. An attempt is counted before its password is checked, so
-- concurrent guesses cannot all get past the limit; a successful one is taken back.
create table login_attempt (
  key          text primary key,
  window_start timestamptz not null,
  attempts     integer not null check (attempts >= 0)
);
