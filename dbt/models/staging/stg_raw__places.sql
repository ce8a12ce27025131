with

records as (

    select * from {{ source('raw', 'records') }}

),

places as (

    select
        source_name || ':' || record_key as place_id,
        source_name,
        record_key as source_place_ref,
        record ->> 'place_name' as place_name,
        record ->> 'place_type' as place_type,
        record ->> 'address' as address,
        record ->> 'district_code' as district_code,
        record ->> 'subdistrict_code' as subdistrict_code,
        (record ->> 'latitude')::double precision as latitude,
        (record ->> 'longitude')::double precision as longitude,
        (record ->> 'report_date')::date as report_date

    from records

    where entity = 'place'

)

select * from places
