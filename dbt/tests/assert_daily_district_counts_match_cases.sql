-- Every case is counted once by report date in daily_district_counts: returns the sources and
-- districts whose totals differ from marts.cases.
-- Dagster shows it as a check of daily_district_counts.
{{ config(tags=['summary'], meta={'dagster': {'ref': {'name': 'daily_district_counts'}}}) }}

with

from_cases as (

    select source_name, district_code, count(*) as count_cases
    from {{ ref('cases') }}
    group by source_name, district_code

),

from_daily as (

    select source_name, district_code, sum(count_reported_cases) as count_cases
    from {{ ref('daily_district_counts') }}
    group by source_name, district_code

)

select *
from from_cases
full outer join from_daily using (source_name, district_code)
-- A district with contacts but no case has daily rows that sum to zero cases.
where coalesce(from_cases.count_cases, 0) <> coalesce(from_daily.count_cases, 0)
