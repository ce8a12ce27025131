-- Each case expanded to the 14 days before its anchor date (onset, else the case date), with
-- the case's events of each day counted.
with

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

events as (

    select * from {{ ref('int_events_joined') }}

),

case_days as (

    select
        cases.case_id,
        cases.district_code,
        coalesce(cases.onset_date, cases.case_date) as anchor_date,
        day_offset

    from cases

    cross join generate_series(-14, -1) as day_offset

),

events_per_day as (

    select
        case_id,
        event_date,
        count(*) as count_events,
        count(place_mention_id) as count_place_mentions,
        bool_or(event_type in ('travel', 'arrival')) as has_travel

    from events

    group by case_id, event_date

),

expanded as (

    select
        case_days.case_id,
        case_days.anchor_date + case_days.day_offset as day_date,
        case_days.district_code,
        case_days.anchor_date,
        case_days.day_offset,
        coalesce(events_per_day.count_events, 0) as count_events,
        coalesce(events_per_day.count_place_mentions, 0) as count_place_mentions,
        coalesce(events_per_day.has_travel, false) as has_travel

    from case_days

    left join events_per_day
        on
            case_days.case_id = events_per_day.case_id
            and case_days.anchor_date + case_days.day_offset = events_per_day.event_date

)

select * from expanded
