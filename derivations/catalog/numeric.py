"""The two numeric helpers of the catalog's NumPy checks, from where they live (``checker.language.numeric``):
entrywise central differences of a scalar function of one array, and the relative error."""

from checker.language.numeric import central_difference
from checker.language.numeric import relative_error as rel

__all__ = ["central_difference", "rel"]
