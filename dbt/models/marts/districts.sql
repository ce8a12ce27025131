-- The loaded jurisdictions' districts, plus one `other` district (outside every jurisdiction):
-- every jurisdiction lists `other`, so it is taken once, without a jurisdiction.
with

jurisdiction_districts as (

    select * from {{ ref('stg_raw__jurisdiction_districts') }}

),

own_districts as (

    select
        district_code,
        district_name,
        district_name_en,
        jurisdiction_code,
        latitude,
        longitude

    from jurisdiction_districts

    where district_code <> 'other'

),

other_district as (

    select
        'other' as district_code,
        '其他地区' as district_name,
        'Other' as district_name_en,
        null::text as jurisdiction_code,
        null::double precision as latitude,
        null::double precision as longitude

),

districts as (

    select * from own_districts

    union all

    select * from other_district

)

select * from districts
