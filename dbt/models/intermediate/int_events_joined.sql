-- Events joined to their owning case (whose district partitions marts.events) and to the
-- place record they link to, whose fields fill the ones the event leaves empty.
with

events as (

    select * from {{ ref('stg_raw__events') }}

),

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

places as (

    select * from {{ ref('stg_raw__places') }}

),

events_with_places as (

    select
        events.event_id,
        events.source_name,
        events.source_event_ref,
        events.case_id,
        events.event_date,
        events.event_type,
        events.start_time,
        events.end_time,
        coalesce(events.place_name, places.place_name) as place_name,
        coalesce(events.address, places.address) as address,
        coalesce(events.place_district_code, places.district_code) as place_district_code,
        coalesce(
            events.place_subdistrict_code, places.subdistrict_code
        ) as place_subdistrict_code,
        coalesce(events.latitude, places.latitude) as latitude,
        coalesce(events.longitude, places.longitude) as longitude,
        events.description,
        events.source_sentence

    from events

    left join places
        on
            events.source_name = places.source_name
            and events.source_place_ref = places.source_place_ref

),

events_joined as (

    select
        events_with_places.*,
        cases.district_code,
        case
            when
                events_with_places.place_name is not null
                or events_with_places.address is not null
                or (
                    events_with_places.latitude is not null
                    and events_with_places.longitude is not null
                )
                then
                    events_with_places.source_name || ':event:'
                    || events_with_places.source_event_ref
        end as place_mention_id

    from events_with_places

    inner join cases
        on events_with_places.case_id = cases.case_id

)

select * from events_joined
