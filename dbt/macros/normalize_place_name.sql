{#- SQL expression: a place name lowercased, with full-width ASCII folded to half-width and
    whitespace and punctuation (ASCII and CJK) removed, so that 「东门 步行街（老街）」 and
    "东门步行街(老街)" compare equal. -#}
{% macro normalize_place_name(expression) -%}
    regexp_replace(
        lower(
            translate(
                {{ expression }},
                'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
                'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
            )
        ),
        '[[:space:][:punct:]　（）【】《》〈〉「」『』“”‘’，。、：；！？·—…－]',
        '',
        'g'
    )
{%- endmacro %}
