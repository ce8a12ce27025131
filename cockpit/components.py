"""Page pieces shared by several pages: metrics with their day-on-day change, tables with an
Excel export, the empty-state message."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cockpit.export import download_button
from cockpit.formatting import change_style, format_change, format_count
from cockpit.labels import for_display


def metric(label: str, value: int | None, before: int | None, unit: str = "例",
           help_text: str | None = None) -> None:
    """A metric card: ``1,234 例`` and ``较昨日 +3``, red when a count of cases rises."""
    change = None if value is None or before is None else value - before
    color, arrow = change_style(change)
    st.metric(label, format_count(value, unit), delta=format_change(change),
              delta_color=color, delta_arrow=arrow, help=help_text, border=True)


def table(frame: pd.DataFrame, columns: list[str], file_stem: str, key: str,
          height: int | str = "auto", on_select: str = "ignore"):
    """Show ``columns`` of ``frame`` under Chinese headers with an Excel export beside it.

    Returns the dataframe's selection state when ``on_select`` is ``rerun``.
    """
    shown = for_display(frame, columns)
    date_columns = {column: st.column_config.DateColumn(column, format="YYYY年M月D日")
                    for column in shown.columns if _holds_dates(shown[column])}
    # Blank text cells show a dash; blank dates stay empty so the column keeps its date type.
    for column in shown.columns:
        if column not in date_columns and (shown[column].dtype == object
                                           or pd.api.types.is_string_dtype(shown[column])):
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "—")
    event = st.dataframe(shown, hide_index=True, height=height, key=key,
                         column_config=date_columns, on_select=on_select,
                         selection_mode="single-row")
    download_button(shown, file_stem, key=f"{key}_xlsx")
    return event


def _holds_dates(column: pd.Series) -> bool:
    first = column.dropna().head(1)
    return not first.empty and isinstance(first.iloc[0], dt.date)


# Plotly's mode bar has English tooltips only, so it is hidden: dragging still zooms (pans on
# maps and networks) and a double click resets the view.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False}


def chart(figure, key: str, **options):
    """Show a plotly figure without the mode bar; returns the selection state with on_select."""
    return st.plotly_chart(figure, key=key, config=CHART_CONFIG, **options)


def empty(message: str) -> None:
    st.info(message, icon=":material/info:")
