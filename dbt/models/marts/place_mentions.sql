-- A mention's key place is the place merge's match (stg_analytics__place_matches) where there
-- is one. A mention added since the merge last ran keeps the name grouping's key place. That
-- is the merged key place's id whenever its normalised name is the canonical mention's.
-- The index serves the cockpit's timeline of one key place.
{{ config(post_hook="create index on {{ this }} (key_place_id, mention_date)") }}

with

place_mentions as (

    select * from {{ ref('int_place_mentions_grouped') }}

),

place_matches as (

    select * from {{ ref('stg_analytics__place_matches') }}

),

final as (

    select
        place_mentions.place_mention_id,
        place_mentions.source_name,
        place_mentions.source_ref,
        place_mentions.mention_kind,
        place_mentions.case_id,
        place_mentions.mention_date,
        place_mentions.place_name,
        place_mentions.address,
        place_mentions.normalized_name,
        place_mentions.district_code,
        place_mentions.subdistrict_code,
        place_mentions.latitude,
        place_mentions.longitude,
        coalesce(place_matches.key_place_id, place_mentions.key_place_id) as key_place_id,
        coalesce(
            place_matches.match_score::numeric(4, 3), place_mentions.match_score
        ) as match_score,
        coalesce(
            place_matches.match_rule,
            case when place_mentions.key_place_id is not null then 'name_grouping' end
        ) as match_rule

    from place_mentions

    left join place_matches
        on place_mentions.place_mention_id = place_matches.place_mention_id

)

select * from final
