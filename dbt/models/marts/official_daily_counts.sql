with

daily_summaries as (

    select * from {{ ref('stg_raw__daily_summaries') }}

),

final as (

    select
        source_name,
        report_date,
        district_code,
        cumulative_cases

    from daily_summaries

)

select * from final
