with

records as (

    select * from {{ source('raw', 'records') }}

),

daily_summaries as (

    select
        source_name,
        record_key as source_summary_ref,
        (record ->> 'report_date')::date as report_date,
        record ->> 'district_code' as district_code,
        (record ->> 'cumulative_cases')::integer as cumulative_cases

    from records

    where entity = 'daily_summary'

)

select * from daily_summaries
