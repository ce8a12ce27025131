with

jurisdiction_districts as (

    select * from {{ source('raw', 'jurisdiction_districts') }}

),

renamed as (

    select
        district_code,
        district_name,
        district_name_en,
        jurisdiction_code,
        latitude::double precision as latitude,
        longitude::double precision as longitude

    from jurisdiction_districts

)

select * from renamed
