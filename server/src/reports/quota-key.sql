-- The secret key of the report quota's address hashes (migration 018). No parameters.
-- Output: key text.
select key from report_quota_key;
