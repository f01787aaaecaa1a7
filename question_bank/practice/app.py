"""The practice app: the JSON API and the page, on FastAPI (``create_app``; served by uvicorn).

    GET  /api/question?topic=&type=&seed=   a question (filters are comma lists; seed makes it repeatable)
    GET  /api/question/{id}                 the question with this id (retry a missed one)
    POST /api/check     {id, blank?, answer | steps, lang?}   the verdict of `dlprep check --json`
    POST /api/parse     {text, id?, blank?, lang?}            how the text is read, and its shape
    GET  /api/solution/{id}                 model answer and its verified steps
    GET  /api/health                        {"status": "ok", …}
    GET  /docs, /redoc, /openapi.json       API docs, served offline (fastapi-offline ships Swagger UI)

Nothing slow runs on the event loop: generating, parsing and checking go to a bounded pool of worker
processes (``pool``, each task under the checker's deadline, its worker killed past it), so one client
looping slow checks never holds up another; a full queue is a 503.
Every error is JSON ``{"error": message, "status": code}`` with a 4xx (a bug of ours: 500, no traceback).
"""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import Any, AsyncIterator, Literal

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from checker.language.errors import DlprepError, InputError, LimitExceeded
from checker.language.limits import DEFAULT_SECONDS, LIMITS
from question_bank.practice import source
from question_bank.practice.pool import Busy, Pool
from question_bank.practice.safety import Guard

STATIC = Path(__file__).parent / "static"
Lang = Literal["en", "zh"]
MAX_TEXT = 10_000  # characters of one answer (the parser's own bound)
MAX_STEPS = 20_000  # characters of a pasted derivation
GENERATE_SECONDS = LIMITS["derive_seconds"].value  # a question and its solution: the bank's own work, not the user's


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(max_length=200, description="question id, e.g. least-squares-gradient.0")
    blank: str | None = Field(None, max_length=20, description="blank label (default: the first)")
    answer: str | None = Field(None, max_length=MAX_TEXT, description="the answer, plain text or LaTeX")
    steps: str | None = Field(None, max_length=MAX_STEPS, description="a whole derivation, one step a line")
    lang: Lang | None = Field(None, description="language of the feedback (default: the server's --lang)")
    reveal: bool = Field(False, description="include the expected value (the page asks on a second try or on request)")


class ParseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=MAX_TEXT)
    id: str | None = Field(None, max_length=200, description="read with this question's symbols and shapes")
    blank: str | None = Field(None, max_length=20)
    lang: Lang | None = None


def _error(status: int, text: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": text, "status": status, **extra}, status_code=status)


def _invalid(exc: DlprepError) -> JSONResponse:
    """User text the checker cannot read or check: 422, shaped like an `invalid` verdict."""
    return _error(422, str(exc), verdict="invalid", message=str(exc), column=getattr(exc, "column", None),
                  limit=isinstance(exc, LimitExceeded))


def _comma(value: str | None, allowed: dict[str, Any], what: str) -> list[str]:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise InputError(f"unknown {what} '{bad[0][:40]}'", expected="one of: " + ", ".join(allowed))
    return items


def create_app(*, lang: Lang = "en", host: str = "127.0.0.1", topics: list[str] | None = None,
               types: list[str] | None = None, seed: int | None = None, workers: int = 0,
               seconds: float = DEFAULT_SECONDS, body_seconds: float | None = None) -> Guard:
    """The ASGI app: the guard (Host allow-list, body limits and time, headers) around the FastAPI app.

    ``workers``: size of the pool of checking processes (0: run tasks inline, for tests); ``seconds``:
    the time bound of one task; ``body_seconds``: of one request body."""
    pool = Pool(workers, seconds=seconds)

    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPIOffline(lifespan=lifespan, title="dlprep practice", version="1", redoc_url="/redoc",
                         description="Practice questions of the deep-learning course, checked live. "
                                     "Errors are JSON {error, status} with a 4xx.",
                         favicon_url="/static/favicon.svg")
    draws = random.Random(seed)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        message = "bad request: " + "; ".join(problems[:5]) if problems else "bad request"
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            message = "the body is not valid JSON"
        return _error(422 if "not valid JSON" not in message else 400, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        text = {404: f"no such page: {request.url.path[:80]}", 405: f"method {request.method} not allowed here"}
        return _error(exc.status_code, text.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(source.UnknownQuestion)
    async def unknown(request: Request, exc: source.UnknownQuestion) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(DlprepError)
    async def invalid(request: Request, exc: DlprepError) -> JSONResponse:
        return _invalid(exc)

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        return _error(400, "input nested too deeply")

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error (please report): {type(exc).__name__}")

    @app.get("/api/health", tags=["meta"])
    async def health() -> dict[str, Any]:
        """Liveness, and what the server was started with."""
        return {"status": "ok", "lang": lang, "topics": topics or [], "types": types or []}

    @app.get("/api/filters", tags=["meta"])
    async def filters() -> dict[str, Any]:
        """The topics and question types to filter by, with their names in both languages."""
        return {"topics": source.TOPICS, "types": source.TYPES, "lang": lang,
                "default_topics": topics or [], "default_types": types or []}

    @app.get("/api/question", tags=["questions"])
    async def question(topic: str | None = Query(None, max_length=200, description="comma list of topic letters (A–G)"),
                       type: str | None = Query(None, max_length=200, description="comma list of types"),
                       seed: int | None = Query(None, ge=0, lt=10**9, description="repeatable draw")) -> dict[str, Any]:
        """A question from the bank matching the filters (the server's --topics/--types when none are given)."""
        chosen_topics = _comma(topic, source.TOPICS, "topic") or topics
        chosen_types = _comma(type, source.TYPES, "type") or types
        picked = await pool.run("question", chosen_topics, chosen_types, draws.randrange(10**9) if seed is None else seed,
                                seconds=GENERATE_SECONDS)
        if picked is None:
            return _error(404, "no questions match these filters")  # type: ignore[return-value]
        return picked  # type: ignore[no-any-return]

    @app.get("/api/question/{qid}", tags=["questions"])
    async def question_by_id(qid: str) -> dict[str, Any]:
        """The question with this id, regenerated from its seed."""
        return await pool.run("question_by_id", qid, seconds=GENERATE_SECONDS)  # type: ignore[no-any-return]

    @app.get("/api/solution/{qid}", tags=["questions"])
    async def solution(qid: str) -> dict[str, Any]:
        """The model answer and its derivation, every step verified by the engine."""
        return await pool.run("solution", qid, seconds=GENERATE_SECONDS)  # type: ignore[no-any-return]

    @app.post("/api/check", tags=["checking"])
    async def check(req: CheckRequest) -> dict[str, Any]:
        """Check an answer (``answer``) or a whole derivation (``steps``, one step a line)."""
        if (req.answer is None) == (req.steps is None):
            return _error(422, "give exactly one of 'answer' or 'steps'")  # type: ignore[return-value]
        return await pool.run("check", req.id, req.blank, req.lang or lang, req.answer, req.steps, req.reveal)  # type: ignore[no-any-return]

    @app.post("/api/parse", tags=["checking"])
    async def parse(req: ParseRequest) -> dict[str, Any]:
        """How ``text`` is read (as `dlprep parse`), and its shape with the question's symbols."""
        return await pool.run("parse", req.text, req.id, req.blank, req.lang or lang)  # type: ignore[no-any-return]

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return Guard(app, (host,), body_seconds=body_seconds)


__all__ = ["create_app"]
