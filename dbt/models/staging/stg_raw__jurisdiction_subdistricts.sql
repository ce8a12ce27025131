with

jurisdiction_subdistricts as (

    select * from {{ source('raw', 'jurisdiction_subdistricts') }}

),

renamed as (

    select
        subdistrict_code,
        subdistrict_name,
        district_code,
        jurisdiction_code,
        latitude::double precision as latitude,
        longitude::double precision as longitude

    from jurisdiction_subdistricts

)

select * from renamed
