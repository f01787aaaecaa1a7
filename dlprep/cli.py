"""The `dlprep` console script: a click group whose commands are loaded lazily.

Each command lives in its own module under `dlprep/commands/`; `COMMANDS` maps the command name
to "module:attribute" so that `dlprep check` imports only what `check` needs (SymPy stays off the
path of commands that do not use it). Exit codes: 0 correct / success, 1 incorrect / failed check,
2 invalid input or usage, 3 internal error.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

COMMANDS: dict[str, str] = {
    "parse": "dlprep.commands.parse:parse",
    "check": "dlprep.commands.check:check",
    "derive": "dlprep.commands.derive:derive",
    "gradcheck": "dlprep.commands.gradcheck:gradcheck",
    "list": "dlprep.commands.catalog:list_",
    "show": "dlprep.commands.catalog:show",
    "verify": "dlprep.commands.catalog:verify",
    "exam": "dlprep.commands.exam:exam",
    "cheatsheet": "dlprep.commands.cheatsheet:cheatsheet",
    "practice": "dlprep.commands.practice:practice",
    "bank": "dlprep.commands.bank:bank",
}

HELP: dict[str, str] = {
    "parse": "Show how an expression (plain text or LaTeX) is read, with shapes.",
    "check": "Check an answer, a derivation or an identity (exit 0 correct, 1 incorrect, 2 invalid).",
    "derive": "Derive a gradient step by step, the course's way, every step verified.",
    "gradcheck": "Check a backprop implementation against finite differences (runs FILE.py as code).",
    "list": "List the catalog of course results.",
    "show": "Show one catalog result: statement, steps, results, convention.",
    "verify": "Verify catalog results numerically.",
    "exam": "Write a practice exam with its answer key (md, tex, pdf, html, moodle, anki).",
    "cheatsheet": "Build the cheat sheet (PDF, LaTeX, HTML, Markdown), every formula verified as it is built.",
    "practice": "Practise questions in a local web page, checked as you type.",
    "bank": "Show what the question bank can ask: catalog id × question type × families.",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("dlprep.commands"):
                return _not_yet(name)
            raise
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(n, HELP.get(n, "")) for n in sorted(COMMANDS)])

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Like click's, but every error is one line on stderr: usage errors and bad input exit 2,
        a bug of ours exits 3; the same path serves the console script and click's test runner."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from checker.language.errors import DlprepError
        from dlprep.commands.common import one_line

        try:
            super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            command = " ".join(exc.ctx.command_path.split()) if getattr(exc, "ctx", None) else "dlprep"
            hint = f" (see {command} --help)" if isinstance(exc, click.UsageError) else ""
            click.echo(one_line(" ".join(exc.format_message().split()) + hint), err=True)
            sys.exit(2)
        except click.exceptions.Abort as exc:  # click turns Ctrl-C (KeyboardInterrupt) into Abort
            interrupt = exc.__cause__ or exc.__context__
            if isinstance(interrupt, KeyboardInterrupt):
                sys.exit(getattr(interrupt, "exit_code", 130))
            click.echo("error: aborted", err=True)
            sys.exit(2)
        except DlprepError as exc:
            click.echo(one_line(exc), err=True)
            sys.exit(2)
        except OSError as exc:  # a path the user gave that cannot be read or written (/proc/x, a read-only folder, a full disk)
            where = f" {exc.filename}" if exc.filename else ""
            click.echo(one_line(f"cannot use{where}: {exc.strerror or type(exc).__name__}"), err=True)
            sys.exit(2)
        except KeyboardInterrupt as exc:  # Ctrl-C: 130; SIGTERM (Terminated): 143
            sys.exit(getattr(exc, "exit_code", 130))
        except Exception as exc:  # a bug of ours: still one line, distinct exit code
            click.echo(f"internal error (please report): {type(exc).__name__}: {' '.join(str(exc).split())[:300]}", err=True)
            sys.exit(3)
        sys.exit(0)


def _not_yet(name: str) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def placeholder(args: tuple[str, ...]) -> None:
        click.echo(f"error: the '{name}' command is not available in this version", err=True)
        sys.exit(2)

    return placeholder



@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dlprep")
def cli() -> None:
    """dlprep: verified matrix calculus, answer checking and practice exams for a deep-learning course."""


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the console script); errors become one line on stderr, never a traceback."""
    cli.main(args=argv, prog_name="dlprep")
