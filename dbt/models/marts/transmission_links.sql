-- A reported link is kept when either case is missing (a dangling link), and the
-- is_infector_known / is_infectee_known flags mark which one.
with

case_links as (

    select * from {{ ref('stg_raw__case_links') }}

),

cases as (

    select * from {{ ref('stg_raw__cases') }}

),

flagged as (

    select
        case_links.transmission_link_id,
        case_links.source_name,
        case_links.source_link_ref,
        case_links.infector_case_id,
        case_links.infectee_case_id,
        case_links.infector_source_case_ref,
        case_links.infectee_source_case_ref,
        case_links.relation,
        case_links.relation_type,
        case_links.evidence,
        infectors.case_id is not null as is_infector_known,
        infectees.case_id is not null as is_infectee_known

    from case_links

    left join cases as infectors
        on case_links.infector_case_id = infectors.case_id

    left join cases as infectees
        on case_links.infectee_case_id = infectees.case_id

)

select * from flagged
