-- Daily counts per source and district that the cockpit sums over a window instead of
-- scanning the partitioned marts. A contact is under management from its management start
-- (quarantine start, else last contact) to its quarantine end. It enters on the start day and
-- leaves the day after the end. A contact without a quarantine end, or one that ends before it
-- starts, is never under management, as in the marts' definition.
{{
    config(
        tags=['summary'],
        post_hook="create index on {{ this }} (source_name, day_date)"
    )
}}

with

cases as (

    select * from {{ ref('cases') }}

),

close_contacts as (

    select * from {{ ref('close_contacts') }}

),

reported_cases as (

    select source_name, district_code, case_date as day_date, count(*) as count_reported_cases
    from cases
    group by source_name, district_code, case_date

),

onset_cases as (

    select source_name, district_code, onset_date as day_date, count(*) as count_onset_cases
    from cases
    where onset_date is not null
    group by source_name, district_code, onset_date

),

managed_contacts as (

    select
        source_name,
        district_code,
        contact_level,
        coalesce(quarantine_start_date, last_contact_date) as management_start_date,
        quarantine_end_date + 1 as management_end_date
    from close_contacts
    where quarantine_end_date >= coalesce(quarantine_start_date, last_contact_date)

),

-- One row per contact entering management (+1 on its start day) and per contact leaving it.
management_changes as (

    select source_name, district_code, contact_level, management_start_date as day_date,
        1 as count_entering, 0 as count_leaving
    from managed_contacts
    union all
    select source_name, district_code, contact_level, management_end_date as day_date,
        0 as count_entering, 1 as count_leaving
    from managed_contacts

),

contact_changes as (

    select
        source_name,
        district_code,
        day_date,
        sum(count_entering) filter (where contact_level = 'close')
            as count_close_contacts_entering,
        sum(count_leaving) filter (where contact_level = 'close')
            as count_close_contacts_leaving,
        sum(count_entering) filter (where contact_level = 'secondary')
            as count_secondary_contacts_entering,
        sum(count_leaving) filter (where contact_level = 'secondary')
            as count_secondary_contacts_leaving
    from management_changes
    group by source_name, district_code, day_date

),

days as (

    select source_name, district_code, day_date from reported_cases
    union
    select source_name, district_code, day_date from onset_cases
    union
    select source_name, district_code, day_date from contact_changes

),

final as (

    select
        days.source_name,
        days.district_code,
        days.day_date,
        coalesce(reported_cases.count_reported_cases, 0) as count_reported_cases,
        coalesce(onset_cases.count_onset_cases, 0) as count_onset_cases,
        coalesce(contact_changes.count_close_contacts_entering, 0)
            as count_close_contacts_entering,
        coalesce(contact_changes.count_close_contacts_leaving, 0)
            as count_close_contacts_leaving,
        coalesce(contact_changes.count_secondary_contacts_entering, 0)
            as count_secondary_contacts_entering,
        coalesce(contact_changes.count_secondary_contacts_leaving, 0)
            as count_secondary_contacts_leaving

    from days

    left join reported_cases using (source_name, district_code, day_date)
    left join onset_cases using (source_name, district_code, day_date)
    left join contact_changes using (source_name, district_code, day_date)

)

select * from final
