-- The canonical name of a key place is its most frequent spelling, and the earliest one on a
-- tie. Its coordinates are the mean of its mentions' coordinates.
with

place_mentions as (

    select * from {{ ref('int_place_mentions_grouped') }}

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
        canonical_names.canonical_name,
        aggregated.district_code,
        aggregated.subdistrict_code,
        aggregated.latitude,
        aggregated.longitude,
        aggregated.count_mentions,
        aggregated.count_cases,
        aggregated.first_mention_date,
        aggregated.last_mention_date

    from aggregated

    inner join canonical_names
        on aggregated.key_place_id = canonical_names.key_place_id

)

select * from key_places
