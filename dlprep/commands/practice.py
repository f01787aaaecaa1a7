"""`dlprep practice`: serve the practice page (question_bank.practice) on 127.0.0.1 with uvicorn."""

from __future__ import annotations

import click

from question_bank.model import TYPES
from question_bank.topics import TOPICS


def _split(value: str | None, allowed: tuple[str, ...], what: str) -> list[str]:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    for item in items:
        if item not in allowed:
            raise click.BadParameter(f"unknown {what} '{item}'; one of: {', '.join(allowed)}")
    return items


@click.command()
@click.option("--topics", help=f"Comma list of topics (CATALOG.md sections {','.join(TOPICS)}).")
@click.option("--types", help=f"Comma list of question types ({', '.join(TYPES)}).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of the page and the feedback.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (and to accept as Host).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option("--seed", type=int, default=None, help="Seed of the question draws (repeatable sessions).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
def practice(topics: str | None, types: str | None, lang: str, host: str, port: int, seed: int | None, open_browser: bool) -> None:
    """Practise the bank's questions in the browser, checked as you type (local only, no account, no network)."""
    import webbrowser

    import uvicorn

    from question_bank.practice import server
    from question_bank.practice.app import create_app

    app = create_app(lang=lang, host=host, topics=_split(topics, tuple(TOPICS), "topic"),  # type: ignore[arg-type]
                     types=_split(types, tuple(TYPES), "type"), seed=seed, workers=server.WORKERS)
    try:
        sock = server.listen(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    click.echo(f"dlprep practice: {url}   (API docs: {url}docs; Ctrl-C stops)", err=False)
    if open_browser:
        webbrowser.open(url)
    uvicorn.Server(server.config(app)).run(sockets=[sock])
