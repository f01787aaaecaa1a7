"""Gradient checking with verdict bands, kink handling, directional probes and hints.

``check_gradients(loss_and_grads, params, x, y, ...)`` checks a whole model;
``check_layer(layer, x)`` checks one reference-style layer with a random upstream gradient.
"""

from checker.gradcheck.bands import VERDICTS, relative_error, verdict
from checker.gradcheck.check import check_gradients, require_float64
from checker.gradcheck.hints import hint
from checker.gradcheck.layer import check_layer
from checker.gradcheck.report import describe, render
from checker.gradcheck.result import ParamResult, Report

__all__ = ["ParamResult", "Report", "VERDICTS", "check_gradients", "check_layer", "describe", "hint", "relative_error",
           "render", "require_float64", "verdict"]
