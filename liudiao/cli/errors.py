"""Chinese text for Click's own errors: bad option values, missing options, unknown commands.

Click writes these messages in English through gettext without shipping a Chinese catalogue,
so :class:`ChineseGroup` catches each error and writes it again in Chinese. Messages it does
not recognise keep Click's English text after a Chinese prefix.
"""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

import click

from liudiao.cli.help_format import use_chinese_help

SUGGESTION = re.compile(r"\s*Did you mean '?([^'?]+)'?\?")
POSSIBLE_OPTIONS = re.compile(r"\s*\(Possible options: (.+)\)")
NO_SUCH_COMMAND = re.compile(r"No such command '(.+?)'\.")
NO_SUCH_OPTION = re.compile(r"No such option:? '?([^'.\s]+)'?\.?")
REQUIRES_ARGUMENT = re.compile(r"Option '(.+?)' requires (an argument|\d+ arguments)\.")
EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? \((.+)\)")
NOT_A_DATE = re.compile(r"'(.*)' does not match the formats? (.+)\.")
NOT_A_CHOICE = re.compile(r"'(.*)' is not one of .+\.")
NOT_AN_INTEGER = re.compile(r"'(.*)' is not a valid integer\.")
NOT_A_NUMBER = re.compile(r"'(.*)' is not a valid float\.")
OUT_OF_RANGE = re.compile(r"(.+) is not in the range (.+)\.")
PATH_PROBLEM = re.compile(r"(?:File|Directory|Path) '(.*)' (does not exist|is a file|is a "
                          r"directory|is not writable|is not readable)\.")
PATH_PROBLEMS = {"does not exist": "不存在", "is a file": "是一个文件，不是目录",
                 "is a directory": "是一个目录，不是文件", "is not writable": "不可写",
                 "is not readable": "不可读"}


class ChineseGroup(click.Group):
    """A command group whose usage errors and help, and those of its subcommands, read in
    Chinese."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        use_chinese_help()
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            _exit_with(error, usage_error_text(error))
        except click.ClickException as error:
            _exit_with(error, f"错误：{error.format_message()}")
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _exit_with(error: click.ClickException, text: str) -> NoReturn:
    click.echo(text, err=True)
    sys.exit(error.exit_code)


def usage_error_text(error: click.UsageError) -> str:
    """Return the usage line, a help hint and the error, all in Chinese."""
    lines = []
    if error.ctx is not None:
        usage = error.ctx.get_usage().replace("Usage:", "用法：", 1)
        lines += [usage, f"运行「{error.ctx.command_path} --help」查看帮助。", ""]
    lines.append(f"错误：{translate(error)}")
    return "\n".join(lines)


def translate(error: click.UsageError) -> str:
    """Return the error's message in Chinese, or Click's own text when it is not recognised."""
    if isinstance(error, click.MissingParameter):
        return _missing_parameter(error)
    if isinstance(error, click.BadParameter):
        return _bad_parameter(error)
    message = error.format_message()
    suggestion = SUGGESTION.search(message) or POSSIBLE_OPTIONS.search(message)
    hint = f"你是不是要用 {suggestion.group(1)}？" if suggestion else ""
    if match := NO_SUCH_COMMAND.match(message):
        return f"没有「{match.group(1)}」这个命令。{hint}"
    if match := NO_SUCH_OPTION.match(message):
        return f"没有 {match.group(1)} 这个选项。{hint}"
    if match := REQUIRES_ARGUMENT.match(message):
        return f"选项 {match.group(1)} 后面需要填写一个值。"
    if match := EXTRA_ARGUMENTS.match(message):
        return f"多余的参数：{match.group(1)}。"
    return message


def _missing_parameter(error: click.MissingParameter) -> str:
    param = error.param
    if param is None:
        return error.format_message()
    name = " / ".join(param.opts) if param.param_type_name == "option" else param.human_readable_name
    text = f"缺少必填{'选项' if param.param_type_name == 'option' else '参数'} {name}。"
    if isinstance(param.type, click.Choice):
        text += "可选：" + "、".join(str(choice) for choice in param.type.choices) + "。"
    return text


def _bad_parameter(error: click.BadParameter) -> str:
    param = error.param
    where = f"选项 {' / '.join(param.opts)}" if param is not None and param.opts else "参数"
    return f"{where} 的值无效：{translate_value_message(error.message, param)}"


def translate_value_message(message: str, param: click.Parameter | None) -> str:
    """Translate the message of a bad value from one of Click's own parameter types."""
    if match := NOT_A_DATE.match(message):
        formats = "、".join(_readable_format(text.strip(" '")) for text in
                            match.group(2).split(","))
        return f"「{match.group(1)}」不是有效日期，格式应为 {formats}。"
    if (match := NOT_A_CHOICE.match(message)) and param is not None and isinstance(
            param.type, click.Choice):
        choices = "、".join(str(choice) for choice in param.type.choices)
        return f"「{match.group(1)}」不是可选的值（可选：{choices}）。"
    if match := NOT_AN_INTEGER.match(message):
        return f"「{match.group(1)}」不是有效整数。"
    if match := NOT_A_NUMBER.match(message):
        return f"「{match.group(1)}」不是有效数值。"
    if match := OUT_OF_RANGE.match(message):
        return f"{match.group(1)} 超出允许范围 {match.group(2)}。"
    if match := PATH_PROBLEM.match(message):
        return f"路径「{match.group(1)}」{PATH_PROBLEMS[match.group(2)]}。"
    return message


def _readable_format(date_format: str) -> str:
    return (date_format.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
            .replace("%H", "HH").replace("%M", "mm").replace("%S", "ss"))
