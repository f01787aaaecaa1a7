"""The two numeric helpers of the catalog's NumPy checks, from where they live in the checker:
entrywise central differences of a scalar function of one array, and the relative error."""

from checker.grading.equivalence import relative_error as rel
from checker.gradcheck.numeric import central_difference

__all__ = ["central_difference", "rel"]
