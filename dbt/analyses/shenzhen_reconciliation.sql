-- Cumulative cases per district from the Shenzhen 2020 line list beside the official
-- cumulative counts of the same day. Compile with `dbt compile --select shenzhen_reconciliation`
-- or run the SQL with the date of interest; docs/reconciliation-shenzhen.md explains the gaps.

with official as (
    select district_code, cumulative_cases
    from {{ ref('official_daily_counts') }}
    where source_name = 'shenzhen-2020'
        and report_date = '{{ var("as_of_date", "2020-02-16") }}'
),

line_list as (
    select district_code, count(*) as count_cases
    from {{ ref('cases') }}
    where source_name = 'shenzhen-2020'
        and case_date <= '{{ var("as_of_date", "2020-02-16") }}'
    group by district_code
),

compared as (
    select
        districts.district_code,
        districts.district_name,
        coalesce(official.cumulative_cases, 0) as official_cumulative_cases,
        coalesce(line_list.count_cases, 0) as line_list_cumulative_cases,
        coalesce(line_list.count_cases, 0)
        - coalesce(official.cumulative_cases, 0) as difference
    from {{ ref('districts') }} as districts
    left join official on districts.district_code = official.district_code
    left join line_list on districts.district_code = line_list.district_code
    where districts.jurisdiction_code = '440300' or districts.district_code = 'other'
)

select * from compared
order by district_code
