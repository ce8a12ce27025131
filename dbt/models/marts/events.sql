{{
    config(
        materialized='partitioned_table',
        partition_date_column='event_date',
        partition_indexes=[['case_id'], ['district_code', 'event_date']]
    )
}}

with

events as (

    select * from {{ ref('int_events_joined') }}

),

final as (

    select
        event_id,
        source_name,
        source_event_ref,
        case_id,
        event_date,
        district_code,
        event_type,
        start_time,
        end_time,
        place_mention_id,
        place_name,
        address,
        place_district_code,
        place_subdistrict_code,
        latitude,
        longitude,
        description,
        source_sentence

    from events

)

select * from final
