-- Every dated mention of a key place by a case is counted once in key_place_visits: returns
-- the sources whose totals differ from marts.place_mentions. Dagster shows it as a check of
-- key_place_visits.
{{ config(meta={'dagster': {'ref': {'name': 'key_place_visits'}}}) }}
with

from_mentions as (

    select source_name, count(*) as count_mentions
    from {{ ref('place_mentions') }}
    where key_place_id is not null and mention_date is not null
    group by source_name

),

from_visits as (

    select source_name, sum(count_mentions) as count_mentions
    from {{ ref('key_place_visits') }}
    group by source_name

)

select *
from from_mentions
full outer join from_visits using (source_name)
where from_mentions.count_mentions is distinct from from_visits.count_mentions
