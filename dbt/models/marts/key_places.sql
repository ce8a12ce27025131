-- Key places of the place merge (stg_analytics__place_matches) give the canonical name,
-- district, subdistrict and coordinates. A key place with no matched mention yet (the name
-- grouping's fallback) takes its most frequent spelling, the earliest one on a tie, and the
-- mean of its mentions' coordinates.
with

place_mentions as (

    select * from {{ ref('place_mentions') }}

),

place_matches as (

    select * from {{ ref('stg_analytics__place_matches') }}

),

merged_places as (

    select distinct on (key_place_id)
        key_place_id,
        canonical_name,
        key_place_district_code,
        key_place_subdistrict_code,
        key_place_latitude,
        key_place_longitude

    from place_matches

    order by key_place_id asc, place_mention_id asc

),

grouped_mentions as (

    select * from place_mentions

    where key_place_id is not null

),

name_counts as (

    select
        key_place_id,
        coalesce(place_name, address) as spelling,
        count(*) as count_spellings,
        min(mention_date) as first_spelling_date

    from grouped_mentions

    group by key_place_id, coalesce(place_name, address)

),

canonical_names as (

    select distinct on (key_place_id)
        key_place_id,
        spelling as canonical_name

    from name_counts

    order by key_place_id asc, count_spellings desc, first_spelling_date asc, spelling asc

),

aggregated as (

    select
        key_place_id,
        min(district_code) as district_code,
        mode() within group (order by subdistrict_code) as subdistrict_code,
        avg(latitude) as latitude,
        avg(longitude) as longitude,
        count(*) as count_mentions,
        count(distinct case_id) as count_cases,
        min(mention_date) as first_mention_date,
        max(mention_date) as last_mention_date

    from grouped_mentions

    group by key_place_id

),

key_places as (

    select
        aggregated.key_place_id,
        coalesce(merged_places.canonical_name, canonical_names.canonical_name) as canonical_name,
        coalesce(merged_places.key_place_district_code, aggregated.district_code) as district_code,
        coalesce(
            merged_places.key_place_subdistrict_code, aggregated.subdistrict_code
        ) as subdistrict_code,
        coalesce(merged_places.key_place_latitude, aggregated.latitude) as latitude,
        coalesce(merged_places.key_place_longitude, aggregated.longitude) as longitude,
        aggregated.count_mentions,
        aggregated.count_cases,
        aggregated.first_mention_date,
        aggregated.last_mention_date

    from aggregated

    left join canonical_names
        on aggregated.key_place_id = canonical_names.key_place_id

    left join merged_places
        on aggregated.key_place_id = merged_places.key_place_id

)

select * from key_places
