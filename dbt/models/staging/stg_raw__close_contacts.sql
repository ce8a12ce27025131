with

records as (

    select * from {{ source('raw', 'records') }}

),

close_contacts as (

    select
        source_name || ':' || record_key as close_contact_id,
        source_name,
        record_key as source_contact_ref,
        source_name || ':' || (record ->> 'case_ref') as case_id,
        record ->> 'contact_level' as contact_level,
        source_name || ':' || (record ->> 'via_contact_ref') as via_close_contact_id,
        record ->> 'name' as name,
        record ->> 'sex' as sex,
        (record ->> 'age')::integer as age,
        (record ->> 'birth_date')::date as birth_date,
        record ->> 'id_card_number' as id_card_number,
        coalesce(record -> 'id_card_problems', '[]'::jsonb) as id_card_problems,
        record ->> 'phone' as phone,
        record ->> 'relation' as relation,
        record ->> 'contact_type' as contact_type,
        (record ->> 'last_contact_date')::date as last_contact_date,
        record ->> 'district_code' as district_code,
        record ->> 'subdistrict_code' as subdistrict_code,
        (record ->> 'quarantine_start_date')::date as quarantine_start_date,
        record ->> 'quarantine_place' as quarantine_place,
        record ->> 'test_result' as test_result,
        source_name || ':' || (record ->> 'became_case_ref') as became_case_id

    from records

    where entity = 'close_contact'

)

select * from close_contacts
