"""Sleeps inside loss_and_grads after starting a grandchild: for SIGTERM sent to dlprep meanwhile."""

import os
import time

try:
    if os.fork() == 0:
        time.sleep(600)
        os._exit(0)
except OSError:
    pass


def loss_and_grads(params, x, y):
    time.sleep(600)
