with

records as (

    select * from {{ source('raw', 'records') }}

),

events as (

    select
        source_name || ':' || record_key as event_id,
        source_name,
        record_key as source_event_ref,
        source_name || ':' || (record ->> 'case_ref') as case_id,
        record ->> 'case_ref' as source_case_ref,
        (record ->> 'event_date')::date as event_date,
        (record ->> 'start_time')::time as start_time,
        (record ->> 'end_time')::time as end_time,
        record ->> 'event_type' as event_type,
        record ->> 'place_ref' as source_place_ref,
        record ->> 'place_name' as place_name,
        record ->> 'address' as address,
        record ->> 'district_code' as place_district_code,
        record ->> 'subdistrict_code' as place_subdistrict_code,
        (record ->> 'latitude')::double precision as latitude,
        (record ->> 'longitude')::double precision as longitude,
        record ->> 'description' as description,
        record ->> 'source_sentence' as source_sentence

    from records

    where entity = 'event'

)

select * from events
