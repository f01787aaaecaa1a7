"""Reference NumPy networks: small layers with forward and backward side by side.

The same forward functions are what the catalog verifies its formulas against and what
``dlprep gradcheck --net SPEC`` builds. ``LAYERS`` maps names (with aliases) to layer classes;
``build(spec)`` reads a network spec:

* ``mlp:4-5-3:sigmoid:mse`` — sizes, hidden activation, loss (mse | softmax-ce | logistic)
* ``conv:6x6:3:valid:convolution`` — a conv layer on an M×M map with a K×K kernel, then sigmoid and mse
"""

from __future__ import annotations

from checker.networks.activations import ACTIVATIONS, ELU, LeakyReLU, ReLU, Sigmoid, Tanh, sigmoid
from checker.networks.attention import attention
from checker.networks.autoencoder import TiedAutoencoder
from checker.networks.batchnorm import BatchNorm
from checker.networks.conv import Conv2D, conv2d
from checker.networks.dense import Dense
from checker.networks.dropout import Dropout
from checker.networks.layer import Layer
from checker.networks.losses import LOSSES
from checker.networks.lstm import LSTMCell
from checker.networks.maxout import Maxout
from checker.networks.mlp import MLP
from checker.networks.pooling import MaxPool, MeanPool
from checker.networks.rbm import RBM
from checker.networks.rnn import RNN
from checker.networks.softmax import Softmax, Sparsemax, softmax, sparsemax
from checker.networks.spec import build

LAYERS: dict[str, type] = {
    **ACTIVATIONS,
    "dense": Dense, "affine": Dense, "linear-layer": Dense,
    "softmax": Softmax, "sparsemax": Sparsemax, "maxout": Maxout,
    "conv": Conv2D, "conv2d": Conv2D, "meanpool": MeanPool, "mean-pool": MeanPool, "maxpool": MaxPool, "max-pool": MaxPool,
    "batchnorm": BatchNorm, "bn": BatchNorm, "dropout": Dropout,
    "rnn": RNN, "lstm": LSTMCell, "autoencoder": TiedAutoencoder, "rbm": RBM,
}

__all__ = ["attention", "ACTIVATIONS", "BatchNorm", "Conv2D", "Dense", "Dropout", "ELU", "LAYERS", "LOSSES", "LSTMCell", "Layer",
           "LeakyReLU", "MLP", "MaxPool", "Maxout", "MeanPool", "RBM", "RNN", "ReLU", "Sigmoid", "Softmax", "Sparsemax",
           "Tanh", "TiedAutoencoder", "build", "conv2d", "sigmoid", "softmax", "sparsemax"]
