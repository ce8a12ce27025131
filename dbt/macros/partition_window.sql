{#- The partition window of this run, from the vars start_date, end_date (ISO dates,
    inclusive) and districts (a list of codes, or one code, or codes separated by commas).
    Each is optional; `is_full` is true when none is given, meaning "rebuild everything".
    Returns a dict with keys start_date, end_date (strings or none), districts (list or none)
    and is_full. YAML reads an unquoted 2020-02-01 as a date and 440303 as a number, so both
    are turned back into strings here. -#}
{% macro partition_window() %}
    {%- set start_date = liudiao_window_date('start_date') -%}
    {%- set end_date = liudiao_window_date('end_date') -%}
    {%- set districts = liudiao_window_districts() -%}

    {%- if start_date is not none and end_date is not none and start_date > end_date -%}
        {{ exceptions.raise_compiler_error(
            "invalid partition window: start_date " ~ start_date ~ " is after end_date " ~ end_date
        ) }}
    {%- endif -%}

    {{ return({
        'start_date': start_date,
        'end_date': end_date,
        'districts': districts,
        'is_full': start_date is none and end_date is none and districts is none,
    }) }}
{% endmacro %}


{% macro liudiao_window_date(name) %}
    {%- set value = var(name, none) -%}
    {%- if value is none or value == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set text = value | string | trim -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', text) -%}
        {{ exceptions.raise_compiler_error(
            "invalid var " ~ name ~ ": " ~ text ~ " is not an ISO date (YYYY-MM-DD)"
        ) }}
    {%- endif -%}
    {{ return(text) }}
{% endmacro %}


{% macro liudiao_window_districts() %}
    {%- set value = var('districts', none) -%}
    {%- if value is none or value == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if value is string -%}
        {%- set items = value.split(',') -%}
    {%- elif value is iterable -%}
        {%- set items = value -%}
    {%- else -%}
        {%- set items = [value] -%}
    {%- endif -%}

    {%- set districts = [] -%}
    {%- for item in items -%}
        {%- set code = item | string | trim -%}
        {%- if code != '' and code not in districts -%}
            {%- do districts.append(code) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if districts | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "invalid var districts: " ~ value ~ " names no district code"
        ) }}
    {%- endif -%}
    {{ return(districts) }}
{% endmacro %}


{#- SQL condition selecting the rows of the partition window; `true` for a full rebuild. -#}
{% macro partition_window_condition(window, date_column, list_column) %}
    {%- set conditions = [] -%}
    {%- if window.start_date is not none -%}
        {%- do conditions.append(date_column ~ " >= date '" ~ window.start_date ~ "'") -%}
    {%- endif -%}
    {%- if window.end_date is not none -%}
        {%- do conditions.append(date_column ~ " <= date '" ~ window.end_date ~ "'") -%}
    {%- endif -%}
    {%- if window.districts is not none -%}
        {%- set quoted = [] -%}
        {%- for code in window.districts -%}
            {%- do quoted.append("'" ~ code | replace("'", "''") ~ "'") -%}
        {%- endfor -%}
        {%- do conditions.append(list_column ~ " in (" ~ quoted | join(', ') ~ ")") -%}
    {%- endif -%}
    {{ return(conditions | join(' and ') if conditions else 'true') }}
{% endmacro %}
