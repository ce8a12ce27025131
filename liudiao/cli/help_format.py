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
# Click's words inside the option list: value types after an option, and the notes after its help.
TERM_WORDS = {" INTEGER RANGE": " 整数", " FLOAT RANGE": " 数值", " INTEGER": " 整数",
              " FLOAT": " 数值", " TEXT": " 文本", " DIRECTORY": " 目录", " PATH": " 路径",
              " FILE": " 文件"}
NOTE_WORDS = {"[default: ": "[默认：", "[required]": "[必填]", "default: ": "默认：",
              "required": "必填"}


class ChineseHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in USAGE_WORDS.items():
            args = args.replace(english, chinese)
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = [(_replace(term, TERM_WORDS), _replace(HELP_OPTION_TEXT.get(text, text), NOTE_WORDS))
                for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _replace(text: str, words: dict[str, str]) -> str:
    for english, chinese in words.items():
        text = text.replace(english, chinese)
    return text


def use_chinese_help() -> None:
    """Make every Click context of this process format its help with Chinese headings."""
    click.Context.formatter_class = ChineseHelpFormatter
