-- Close contacts with their person and a district for partitioning: the contact's own,
-- else the case's, else `other`.
with

close_contacts as (

    select * from {{ ref('stg_raw__close_contacts') }}

),

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

persons as (

    select * from {{ ref('int_persons_matched') }}

),

linked as (

    select
        close_contacts.close_contact_id,
        close_contacts.source_name,
        close_contacts.source_contact_ref,
        persons.person_id,
        close_contacts.case_id,
        close_contacts.contact_level,
        close_contacts.via_close_contact_id,
        close_contacts.relation,
        close_contacts.contact_type,
        close_contacts.last_contact_date,
        coalesce(close_contacts.district_code, cases.district_code, 'other') as district_code,
        close_contacts.subdistrict_code,
        close_contacts.quarantine_start_date,
        close_contacts.last_contact_date + 14 as quarantine_end_date,
        close_contacts.test_result,
        close_contacts.became_case_id

    from close_contacts

    inner join persons
        on close_contacts.close_contact_id = persons.record_id

    left join cases
        on close_contacts.case_id = cases.case_id

)

select * from linked
