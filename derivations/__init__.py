"""Step-by-step matrix-calculus derivations, verified numerically, and the course catalog."""
