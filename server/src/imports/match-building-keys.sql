-- Which stored building each row of a table without coordinates updates: the building whose
-- ext_key is the row's key (or, for a building without one, whose id is: our exports write the id
-- then), in a community of the importer's region and, when the row names one, in that community.
-- Per community an ext_key match wins over an id match, as in check-building-rows.sql.
-- $1 json: array of {row, key, communityCode (null: any community of the region)}; $2 text: the
-- importer's region code (the communities in scope are those whose code starts with it).
-- Output: row_no, given_exists (the row's community code is a community, true without one),
-- matches (buildings found, one per community), places json [{code, name}] (their communities,
-- by code), target json|null {id, name, households, population, communityCode} when exactly one
-- building matches.
with r as (
  select r."row" as row_no, r.key, r."communityCode" as given,
         case when r.key ~ '^[0-9]{1,9}$' then r.key::integer end as key_id
  from json_to_recordset($1::json) as r("row" integer, key text, "communityCode" text)
),
candidates as (
  select r.row_no, b.id, b.community_code, false as by_id
  from r join building b on b.ext_key = r.key
  where b.community_code like $2::text || '%' and (r.given is null or b.community_code = r.given)
  union all
  select r.row_no, b.id, b.community_code, true as by_id
  from r join building b on b.id = r.key_id and b.ext_key is null
  where b.community_code like $2::text || '%' and (r.given is null or b.community_code = r.given)
),
per_community as (
  select distinct on (c.row_no, c.community_code) c.row_no, c.id, c.community_code
  from candidates c
  order by c.row_no, c.community_code, c.by_id, c.id
),
counted as (
  select p.row_no, count(*)::integer as matches, min(p.id) as id,
         (json_agg(json_build_object('code', p.community_code, 'name', x.name) order by p.community_code)) as places
  from per_community p
  left join region x on x.code = p.community_code
  group by p.row_no
)
select r.row_no,
       (r.given is null or exists (select 1 from region x where x.code = r.given and x.level = 'community')) as given_exists,
       coalesce(c.matches, 0) as matches,
       coalesce(c.places, '[]'::json) as places,
       case when c.matches = 1 then (
         select json_build_object('id', b.id, 'name', b.name, 'households', b.households, 'population', b.population,
                                  'communityCode', b.community_code)
         from building b where b.id = c.id) end as target
from r
left join counted c on c.row_no = r.row_no
order by r.row_no;
