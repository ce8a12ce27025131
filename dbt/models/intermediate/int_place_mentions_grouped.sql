-- The fallback key places: mentions with the same normalised name in the same district form
-- one key place. marts.place_mentions prefers the place merge's match (analytics.place_matches)
-- and uses this one for mentions the merge has not seen yet.
with

place_mentions as (

    select * from {{ ref('int_place_mentions_unioned') }}

),

grouped as (

    select
        place_mentions.*,
        case
            when place_mentions.normalized_name <> ''
                then
                    coalesce(place_mentions.district_code, 'unknown') || ':'
                    || left(md5(place_mentions.normalized_name), 16)
        end as key_place_id

    from place_mentions

),

scored as (

    select
        grouped.*,
        case when grouped.key_place_id is not null then 1.0 end::numeric(4, 3) as match_score

    from grouped

)

select * from scored
