"""Rules as data: differentials (``differential.py``), derivatives of elementwise functions
(``elementwise.py``), and the trace/Jacobian rules that bring df to Tr(Gᵀ dX) or J dx (``trace.py``)."""
