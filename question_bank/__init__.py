"""Practice exams and cheat sheets built from the derivation catalog (templates and exporters)."""
