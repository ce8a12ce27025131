-- One row per person: the fields of the person's first record (cases before contacts).
with

person_records as (

    select * from {{ ref('int_persons_matched') }}

),

roles as (

    select
        person_id,
        bool_or(record_kind = 'case') as is_case,
        bool_or(record_kind = 'close_contact') as is_close_contact

    from person_records

    group by person_id

),

first_records as (

    select distinct on (person_id) *

    from person_records

    order by person_id, record_rank, source_ref

),

persons as (

    select
        first_records.person_id,
        first_records.source_name,
        first_records.name,
        first_records.sex,
        first_records.age,
        first_records.birth_date,
        first_records.id_card_number,
        first_records.id_card_is_valid,
        first_records.phone,
        first_records.district_code,
        roles.is_case,
        roles.is_close_contact

    from first_records

    inner join roles
        on first_records.person_id = roles.person_id

)

select * from persons
