with

place_mentions as (

    select * from {{ ref('int_place_mentions_grouped') }}

),

final as (

    select
        place_mention_id,
        source_name,
        source_ref,
        mention_kind,
        case_id,
        mention_date,
        place_name,
        address,
        normalized_name,
        district_code,
        subdistrict_code,
        latitude,
        longitude,
        key_place_id,
        match_score

    from place_mentions

)

select * from final
