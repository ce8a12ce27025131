"""Chinese headings for Click's ``--help`` output.

Click writes "Usage:", "Options:", "Commands:" and the ``--help`` option's own text in English;
:class:`ChineseHelpFormatter` writes them in Chinese around the commands' Chinese help texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
HELP_OPTION_TEXT = {"Show this message and exit.": "显示本帮助并退出。"}


class ChineseHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in USAGE_WORDS.items():
            args = args.replace(english, chinese)
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = [(term, HELP_OPTION_TEXT.get(text, text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def use_chinese_help() -> None:
    """Make every Click context of this process format its help with Chinese headings."""
    click.Context.formatter_class = ChineseHelpFormatter
