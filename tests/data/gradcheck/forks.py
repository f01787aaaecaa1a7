"""Attack: start 20 processes that leave the session and sleep for ten minutes, then answer rightly."""

import os
import time

for _ in range(20):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)

# the test appends right.py: loss_and_grads answers rightly
