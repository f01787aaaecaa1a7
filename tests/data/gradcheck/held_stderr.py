"""Attack: a grandchild that keeps stdout and stderr open for two minutes after the check ends."""

import os
import time

try:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(120)
        os._exit(0)
except OSError:
    pass

# the test appends right.py: loss_and_grads answers rightly
