{#- Fail for every combination of the given columns that occurs on more than one row:
    the uniqueness test of a compound key (dbt_utils has one; dbt packages are not used here). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set columns = combination_of_columns | join(', ') %}

select
    {{ columns }},
    count(*) as count_rows

from {{ model }}

group by {{ columns }}

having count(*) > 1

{% endtest %}
