{#-
  Materialization `partitioned_table`: a native PostgreSQL partitioned table, RANGE by a date
  column, each range partition LIST by a second column (district_code), with the leaf
  partitions created on demand from the model's rows.

  Config keys:
    partition_date_column  (required) date column of the RANGE level
    partition_list_column  column of the LIST level; default district_code
    partition_grain        day, week or month: the span of one range partition; default month
    partition_indexes      list of column lists, e.g. [['case_id'], ['district_code', 'event_date']],
                           created on the parent, so every leaf (present or future) has them

  Without the vars start_date / end_date / districts the table is dropped and rebuilt.
  With them, only the rows of that window are replaced: rows are staged into a temp table,
  missing partitions created, the window's rows deleted and the staged rows inserted; rows
  outside the window are not written, so their partitions stay untouched.
-#}
{% materialization partitioned_table, adapter='postgres' %}

    {%- set date_column = config.require('partition_date_column') -%}
    {%- set list_column = config.get('partition_list_column', 'district_code') -%}
    {%- set grain = config.get('partition_grain', 'month') -%}
    {%- set indexes = config.get('partition_indexes', []) -%}
    {%- if grain not in ['day', 'week', 'month'] -%}
        {{ exceptions.raise_compiler_error(
            "invalid partition_grain '" ~ grain ~ "' for " ~ this ~ ": use day, week or month"
        ) }}
    {%- endif -%}

    {%- set window = partition_window() -%}
    {%- set window_condition = partition_window_condition(window, date_column, list_column) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set staged_relation = make_temp_relation(this, '__staged') -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {% call statement('stage') -%}
        create temporary table {{ staged_relation }} on commit drop as
        select * from (
            {{ sql }}
        ) as model_rows
        where {{ window_condition }}
    {%- endcall %}
    {% do partitioned_table_check_keys(staged_relation, date_column, list_column) %}

    {%- set drop_existing = window.is_full
        or (existing_relation is not none
            and not partitioned_table_is_partitioned(existing_relation)) -%}
    {%- if existing_relation is not none and drop_existing -%}
        {% do adapter.drop_relation(existing_relation) %}
        {%- set existing_relation = none -%}
    {%- endif -%}

    {%- if existing_relation is none -%}
        {% call statement('create_parent') -%}
            create table {{ target_relation }} (like {{ staged_relation }})
            partition by range ({{ date_column }})
        {%- endcall %}
        {% for columns in indexes %}
            {% call statement('create_index') -%}
                create index if not exists {{ this.identifier ~ '__' ~ columns | join('_') ~ '_idx' }}
                on {{ target_relation }} ({{ columns | join(', ') }})
            {%- endcall %}
        {% endfor %}
    {%- else -%}
        {#- Two windowed runs of one mart wait for each other here instead of racing to create
            the same partitions. Readers are not blocked: this mode conflicts only with writers. -#}
        {% call statement('lock_parent') -%}
            lock table {{ target_relation }} in share row exclusive mode
        {%- endcall %}
        {% do partitioned_table_check_columns(target_relation, staged_relation) %}
    {%- endif -%}

    {% do partitioned_table_create_partitions(
        target_relation, staged_relation, date_column, list_column, grain
    ) %}

    {#- NOTE: a row whose date or district changed upstream leaves its old copy in a partition
        outside the window until that partition is refreshed or a run without vars rebuilds
        the table. A windowed run after a change of partition_grain fails ("would overlap")
        for the same reason. -#}
    {% if existing_relation is not none %}
        {% call statement('delete_window') -%}
            delete from {{ target_relation }} where {{ window_condition }}
        {%- endcall %}
    {% endif %}

    {% call statement('main') -%}
        insert into {{ target_relation }}
        select * from {{ staged_relation }}
    {%- endcall %}

    {% do partitioned_table_log_run(target_relation, window, existing_relation is not none) %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do adapter.commit() %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {%- set grant_config = config.get('grants') -%}
    {% do apply_grants(target_relation, grant_config, should_revoke=True) %}
    {% do persist_docs(target_relation, model) %}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}
