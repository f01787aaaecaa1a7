"""`dlprep practice`: a local web page to drill the bank's questions with live checking.

Modules: ``source`` (where questions come from: the bank's lookup), ``render`` (questions and solutions
as JSON with MathML), ``grading`` (checks and previews under the checker's deadline), ``safety`` (the
ASGI guard: Host allow-list, body limits, headers), ``app`` (the FastAPI routes), ``static/`` (the
page: HTML, CSS, JS, no build step, no CDN).
"""
