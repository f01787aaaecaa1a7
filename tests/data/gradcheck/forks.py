"""Attack: start 20 processes that leave the session and sleep for ten minutes, then answer rightly.
(The sandbox refuses new processes; were one started, the PID namespace would end it with the check.)"""

import os
import time

for _ in range(20):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)

# the test appends right.py: loss_and_grads answers rightly
