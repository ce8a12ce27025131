{{
    config(
        materialized='partitioned_table',
        partition_date_column='last_contact_date',
        partition_indexes=[['case_id'], ['district_code', 'last_contact_date']]
    )
}}

with

close_contacts as (

    select * from {{ ref('int_close_contacts_linked') }}

)

select * from close_contacts
