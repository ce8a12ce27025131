{{
    config(
        materialized='partitioned_table',
        partition_date_column='day_date',
        partition_indexes=[['case_id'], ['district_code', 'day_date']]
    )
}}

with

case_days as (

    select * from {{ ref('int_case_days_expanded') }}

)

select * from case_days
