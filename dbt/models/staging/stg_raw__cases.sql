with

records as (

    select * from {{ source('raw', 'records') }}

),

cases as (

    select
        source_name || ':' || record_key as case_id,
        source_name,
        record_key as source_case_ref,
        source_file,
        line_number,
        record ->> 'name' as name,
        record ->> 'sex' as sex,
        (record ->> 'age')::integer as age,
        (record ->> 'birth_date')::date as birth_date,
        record ->> 'id_card_number' as id_card_number,
        coalesce(record -> 'id_card_problems', '[]'::jsonb) as id_card_problems,
        record ->> 'phone' as phone,
        record ->> 'district_code' as district_code,
        record ->> 'subdistrict_code' as subdistrict_code,
        record ->> 'residence_address' as residence_address,
        (record ->> 'report_date')::date as report_date,
        (record ->> 'confirmed_date')::date as confirmed_date,
        (record ->> 'onset_date')::date as onset_date,
        (record ->> 'first_visit_date')::date as first_visit_date,
        (record ->> 'discharge_date')::date as discharge_date,
        (record ->> 'death_date')::date as death_date,
        (record ->> 'case_date')::date as case_date,
        record ->> 'case_date_basis' as case_date_basis,
        record ->> 'case_type' as case_type,
        record ->> 'severity' as severity,
        record ->> 'infection_source' as infection_source,
        record ->> 'travel_history' as travel_history,
        record ->> 'cluster_ref' as cluster_ref,
        record ->> 'details' as details

    from records

    where entity = 'case'

)

select * from cases
