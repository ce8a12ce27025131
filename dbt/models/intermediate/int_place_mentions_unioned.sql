-- Every mention of a place: the place of an event and each place record, with the name
-- normalised for grouping into key places.
with

events as (

    select * from {{ ref('int_events_joined') }}

),

places as (

    select * from {{ ref('stg_raw__places') }}

),

event_mentions as (

    select
        place_mention_id,
        source_name,
        source_event_ref as source_ref,
        'event' as mention_kind,
        case_id,
        event_date as mention_date,
        place_name,
        address,
        place_district_code as district_code,
        place_subdistrict_code as subdistrict_code,
        latitude,
        longitude

    from events

    where place_mention_id is not null

),

place_mentions as (

    select
        source_name || ':place:' || source_place_ref as place_mention_id,
        source_name,
        source_place_ref as source_ref,
        'place' as mention_kind,
        null::text as case_id,
        report_date as mention_date,
        place_name,
        address,
        district_code,
        subdistrict_code,
        latitude,
        longitude

    from places

    where place_name is not null or address is not null

),

unioned as (

    select * from event_mentions

    union all

    select * from place_mentions

),

normalized as (

    select
        unioned.*,
        {{ normalize_place_name('coalesce(unioned.place_name, unioned.address)') }}
            as normalized_name

    from unioned

)

select * from normalized
