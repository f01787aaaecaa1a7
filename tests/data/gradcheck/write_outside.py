"""Attack: write files outside the scratch folder (TARGET is filled in by the test; $HOME; the file
itself), then answer rightly."""

import os

for path in (TARGET, os.path.expanduser("~/dlprep-was-here"), __file__):
    try:
        with open(path, "a") as handle:
            handle.write("written by the student's file\n")
    except OSError:
        pass

# the test appends right.py: loss_and_grads answers rightly
