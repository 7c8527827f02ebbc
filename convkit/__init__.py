"""convkit: the small package the conv2d course lessons share.

One module per idea:

- ``seed``      -- ``set_seed`` for random, numpy and torch.
"""

from convkit.seed import set_seed

__all__ = ["set_seed"]
