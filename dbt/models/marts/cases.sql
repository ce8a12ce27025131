{{
    config(
        materialized='partitioned_table',
        partition_date_column='case_date',
        partition_indexes=[['case_id'], ['district_code', 'case_date']]
    )
}}

with

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

persons as (

    select * from {{ ref('int_persons_matched') }}

),

cases_with_persons as (

    select
        cases.case_id,
        cases.source_name,
        cases.source_case_ref,
        persons.person_id,
        cases.case_date,
        cases.case_date_basis,
        cases.district_code,
        cases.subdistrict_code,
        cases.report_date,
        cases.confirmed_date,
        cases.onset_date,
        cases.first_visit_date,
        cases.discharge_date,
        cases.death_date,
        cases.case_type,
        cases.severity,
        cases.infection_source,
        cases.sex,
        cases.age,
        cases.cluster_ref,
        cases.travel_history,
        cases.details

    from cases

    inner join persons
        on cases.case_id = persons.record_id

)

select * from cases_with_persons
