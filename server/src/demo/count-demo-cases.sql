-- How many cases (民情) there are, for the demo load's report. Output: n.
select count(*)::integer as n from civic_case;
