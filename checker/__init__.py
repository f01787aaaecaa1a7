"""The safe expression language, numeric equivalence, reference networks and the answer checker.

Importing this package is cheap: it pulls in neither SymPy nor NumPy.
"""
