{#- Helpers of the partitioned_table materialization. -#}

{% macro partitioned_table_is_partitioned(relation) %}
    {%- set result = run_query(
        "select count(*) from pg_partitioned_table where partrelid = to_regclass('"
        ~ relation.include(database=False) ~ "')"
    ) -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{% endmacro %}


{#- A staged row without a partition key would have no partition to go to. -#}
{% macro partitioned_table_check_keys(staged_relation, date_column, list_column) %}
    {%- set result = run_query(
        "select count(*) from " ~ staged_relation
        ~ " where " ~ date_column ~ " is null or " ~ list_column ~ " is null"
    ) -%}
    {%- set count_rows = result.columns[0].values()[0] -%}
    {%- if count_rows > 0 -%}
        {{ exceptions.raise_compiler_error(
            this ~ ": " ~ count_rows ~ " rows have no " ~ date_column ~ " or no " ~ list_column
            ~ ", so they fit no partition; fix them upstream (the staging tests name them)"
        ) }}
    {%- endif -%}
{% endmacro %}


{#- A windowed run inserts into the existing parent, so the model's columns must not have
    changed since the last full rebuild. -#}
{% macro partitioned_table_check_columns(target_relation, staged_relation) %}
    {%- set signature_sql -%}
        select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum)
        from pg_attribute
        where attrelid = '{relation}'::regclass and attnum > 0 and not attisdropped
    {%- endset -%}
    {%- set target_columns = run_query(
        signature_sql | replace('{relation}', target_relation.include(database=False) | string)
    ).columns[0].values()[0] -%}
    {%- set staged_columns = run_query(
        signature_sql | replace('{relation}', staged_relation | string)
    ).columns[0].values()[0] -%}
    {%- if target_columns != staged_columns -%}
        {{ exceptions.raise_compiler_error(
            target_relation ~ " has columns (" ~ target_columns ~ ") but the model now returns ("
            ~ staged_columns ~ "); run without start_date/end_date/districts to rebuild it"
        ) }}
    {%- endif -%}
{% endmacro %}


{#- Create the range partitions and their list partitions that the staged rows need and that
    do not exist yet. Names: <table>_p<range start> (YYYYMMDD, or YYYYMM for a month), then
    _<list value>; a value that is not a plain lowercase identifier gets a hash suffix. -#}
{% macro partitioned_table_create_partitions(
    target_relation, staged_relation, date_column, list_column, grain
) %}
    {%- set range_format = 'YYYYMM' if grain == 'month' else 'YYYYMMDD' -%}
    {% call statement('create_partitions') -%}
        do $partitions$
        declare
            partition record;
        begin
            for partition in
                with keys as (
                    select distinct
                        date_trunc('{{ grain }}', {{ date_column }})::date as range_start,
                        {{ list_column }}::text as list_value
                    from {{ staged_relation }}
                )
                select
                    range_start,
                    (range_start + interval '1 {{ grain }}')::date as range_end,
                    list_value,
                    '{{ target_relation.identifier }}_p'
                    || to_char(range_start, '{{ range_format }}') as range_name,
                    case
                        when list_value ~ '^[a-z0-9_]+$' then list_value
                        else regexp_replace(lower(list_value), '[^a-z0-9]+', '_', 'g')
                            || '_' || left(md5(list_value), 6)
                    end as list_suffix
                from keys
                order by range_start, list_value
            loop
                execute format(
                    'create table if not exists %I.%I partition of %I.%I'
                    ' for values from (%L) to (%L) partition by list (%I)',
                    '{{ target_relation.schema }}', partition.range_name,
                    '{{ target_relation.schema }}', '{{ target_relation.identifier }}',
                    partition.range_start, partition.range_end, '{{ list_column }}'
                );
                execute format(
                    'create table if not exists %I.%I partition of %I.%I for values in (%L)',
                    '{{ target_relation.schema }}',
                    partition.range_name || '_' || partition.list_suffix,
                    '{{ target_relation.schema }}', partition.range_name,
                    partition.list_value
                );
            end loop;
        end
        $partitions$
    {%- endcall %}
{% endmacro %}


{% macro partitioned_table_log_run(target_relation, window, has_deleted) %}
    {%- set name = target_relation.schema ~ '.' ~ target_relation.identifier -%}
    {%- set inserted = load_result('main')['response'].rows_affected -%}
    {%- if window.is_full -%}
        {{ log(name ~ ": rebuilt with " ~ inserted ~ " rows", info=True) }}
    {%- else -%}
        {%- set deleted = load_result('delete_window')['response'].rows_affected
            if has_deleted else 0 -%}
        {{ log(
            name ~ ": window " ~ (window.start_date or 'open') ~ " to "
            ~ (window.end_date or 'open') ~ ", districts "
            ~ (window.districts | join(', ') if window.districts else 'all')
            ~ ": deleted " ~ deleted ~ " rows, inserted " ~ inserted ~ " rows",
            info=True
        ) }}
    {%- endif -%}
{% endmacro %}
