"""convkit: the small package the conv2d course lessons share.

One module per idea:

- ``seed``    -- ``set_seed`` seeds random, numpy and torch.
- ``shapes``  -- ``conv_output_size``: the output-size formula with its floor.
- ``checks``  -- automatic checks for the lessons' exercises.
"""

from convkit.seed import set_seed
from convkit.shapes import conv_output_size

__all__ = ["conv_output_size", "set_seed"]
