-- First version of key places: mentions with the same normalised name in the same district
-- form one key place.
-- TODO: replace this grouping with the networkx place merging once it writes its matches.
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
