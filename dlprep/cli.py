"""The `dlprep` console script: a click group whose commands are loaded lazily.

Each command lives in its own module under `dlprep/commands/`; `COMMANDS` maps the command name
to "module:attribute" so that `dlprep check` imports only what `check` needs (SymPy stays off the
path of commands that do not use it). Exit codes: 0 correct / success, 1 incorrect / failed check,
2 invalid input or usage, 3 internal error.
"""

from __future__ import annotations

import importlib
import sys

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
    "practice": "dlprep.commands.practice:practice",
}

HELP: dict[str, str] = {
    "parse": "Show how an expression (plain text or LaTeX) is read, with shapes.",
    "check": "Check an answer, a derivation or an identity (exit 0 correct, 1 incorrect, 2 invalid).",
    "derive": "Derive a gradient step by step, the course's way, every step verified.",
    "gradcheck": "Check a backprop implementation against finite differences.",
    "list": "List the catalog of course results.",
    "show": "Show one catalog result: statement, steps, results, convention.",
    "verify": "Verify catalog results numerically.",
    "exam": "Write a practice exam with its answer key (md, tex, pdf, html, moodle, anki).",
    "practice": "Practise questions in a local web page, checked as you type.",
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
    """Run the CLI; user errors become one line on stderr and exit code 2, never a traceback."""
    from checker.language.errors import DlprepError

    try:
        cli.main(args=argv, prog_name="dlprep", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(2)
    except DlprepError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug of ours: still one line, distinct exit code
        click.echo(f"internal error (please report): {type(exc).__name__}: {exc}", err=True)
        sys.exit(3)
    sys.exit(0)
