with

records as (

    select * from {{ source('raw', 'records') }}

),

case_links as (

    select
        source_name || ':' || record_key as transmission_link_id,
        source_name,
        record_key as source_link_ref,
        source_name || ':' || (record ->> 'infector_case_ref') as infector_case_id,
        source_name || ':' || (record ->> 'infectee_case_ref') as infectee_case_id,
        record ->> 'infector_case_ref' as infector_source_case_ref,
        record ->> 'infectee_case_ref' as infectee_source_case_ref,
        record ->> 'relation' as relation,
        record ->> 'relation_type' as relation_type,
        record ->> 'evidence' as evidence

    from records

    where entity = 'case_link'

)

select * from case_links
