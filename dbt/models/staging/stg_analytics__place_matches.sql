-- The place merge's matches. The pre-hook creates the table empty when the analytics asset
-- has not run yet, so the marts fall back to grouping by normalised name. Its columns are
-- those of PLACE_MATCHES in orchestration/analytics/tables.py, and the asset replaces a table
-- whose columns differ.
{{
    config(
        pre_hook=[
            "create schema if not exists analytics",
            "create table if not exists analytics.place_matches (
                place_mention_id text primary key, key_place_id text,
                match_score double precision, match_rule text, canonical_name text,
                district_code text, subdistrict_code text, latitude double precision,
                longitude double precision, core_name text
            )",
        ]
    )
}}

with

place_matches as (

    select * from {{ source('analytics', 'place_matches') }}

),

renamed as (

    select
        place_mention_id,
        key_place_id,
        match_score,
        match_rule,
        canonical_name,
        district_code as key_place_district_code,
        subdistrict_code as key_place_subdistrict_code,
        latitude as key_place_latitude,
        longitude as key_place_longitude

    from place_matches

)

select * from renamed
