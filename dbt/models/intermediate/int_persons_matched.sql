-- Case and contact records matched into persons. Within a source, records that share an ID
-- card number of valid format are one person, and every other record is a person of its own.
-- The person_id names its first record, cases before contacts:
-- `source_name:case:<case_ref>` or `source_name:close_contact:<contact_ref>`.
-- NOTE: a contact without an ID card number who later became a case (became_case_ref) stays
-- a separate person from that case.
with

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

close_contacts as (

    select * from {{ ref('stg_raw__close_contacts') }}

),

person_records as (

    select
        source_name,
        'case' as record_kind,
        1 as record_rank,
        case_id as record_id,
        source_case_ref as source_ref,
        name,
        sex,
        age,
        birth_date,
        id_card_number,
        id_card_problems,
        phone,
        district_code

    from cases

    union all

    select
        source_name,
        'close_contact' as record_kind,
        2 as record_rank,
        close_contact_id as record_id,
        source_contact_ref as source_ref,
        name,
        sex,
        age,
        birth_date,
        id_card_number,
        id_card_problems,
        phone,
        district_code

    from close_contacts

),

match_keys as (

    select
        person_records.*,
        person_records.id_card_number is not null
        and jsonb_array_length(person_records.id_card_problems) = 0 as id_card_is_valid,
        case
            when
                person_records.id_card_number is not null
                and not person_records.id_card_problems ? 'format'
                then 'id_card:' || person_records.id_card_number
            else person_records.record_kind || ':' || person_records.source_ref
        end as match_key

    from person_records

),

matched as (

    select
        match_keys.*,
        first_value(
            match_keys.source_name || ':' || match_keys.record_kind || ':' || match_keys.source_ref
        ) over (
            partition by match_keys.source_name, match_keys.match_key
            order by match_keys.record_rank, match_keys.source_ref
        ) as person_id

    from match_keys

)

select * from matched
