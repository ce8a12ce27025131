-- The loaded jurisdictions' districts, plus the `other` district (outside every jurisdiction)
-- when no jurisdiction lists it.
with

jurisdiction_districts as (

    select * from {{ ref('stg_raw__jurisdiction_districts') }}

),

other_district as (

    select
        'other' as district_code,
        '其他地区' as district_name,
        'Other' as district_name_en,
        null::text as jurisdiction_code,
        null::double precision as latitude,
        null::double precision as longitude

    where not exists (
        select 1 from jurisdiction_districts
        where jurisdiction_districts.district_code = 'other'
    )

),

districts as (

    select
        district_code,
        district_name,
        district_name_en,
        jurisdiction_code,
        latitude,
        longitude

    from jurisdiction_districts

    union all

    select * from other_district

)

select * from districts
