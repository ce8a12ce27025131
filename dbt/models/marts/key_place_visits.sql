-- One row per source, key place and case: the dates on which the case's events or place records
-- named the key place, and the key place's district. Mentions without a case (a bulletin's list
-- of places) make one more row per source and key place, with has_case false. The cockpit ranks
-- key places over a date window from these rows instead of grouping every mention.
{{
    config(
        post_hook="create index on {{ this }} (source_name, last_mention_date)
            include (first_mention_date, key_place_id, district_code, has_case)"
    )
}}

with

place_mentions as (

    select * from {{ ref('place_mentions') }}

),

key_places as (

    select * from {{ ref('key_places') }}

),

final as (

    select
        place_mentions.source_name,
        place_mentions.key_place_id,
        place_mentions.case_id,
        place_mentions.case_id is not null as has_case,
        key_places.district_code,
        min(place_mentions.mention_date) as first_mention_date,
        max(place_mentions.mention_date) as last_mention_date,
        count(*) as count_mentions,
        array_agg(place_mentions.mention_date order by place_mentions.mention_date)
            as mention_dates

    from place_mentions

    inner join key_places
        on key_places.key_place_id = place_mentions.key_place_id

    where place_mentions.mention_date is not null

    group by
        place_mentions.source_name,
        place_mentions.key_place_id,
        place_mentions.case_id,
        key_places.district_code

)

-- Stored in the order of the index the cockpit reads, so a window's rows lie together.
select * from final
order by source_name, last_mention_date
