"""convcourse.drawing.learned: the loss curve, kernels side by side and the kernel grid."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from convcourse.drawing.learned import (
    plot_losses,
    show_kernel_grid,
    show_kernels_side_by_side,
    show_mosaic,
)

pytestmark = pytest.mark.usefixtures("close_new_figures")


def test_the_loss_curve_draws_every_step_on_a_log_scale():
    fig = plot_losses([4.0, 2.0, 1.0, 0.5], title="loss")
    ax = fig.axes[0]
    x, y = ax.lines[0].get_data()
    assert list(x) == [1, 2, 3, 4] and list(y) == [4.0, 2.0, 1.0, 0.5]
    assert ax.get_yscale() == "log" and ax.get_title() == "loss"
    assert plot_losses([1.0, 0.0], log=False).axes[0].get_yscale() == "linear"


@pytest.mark.parametrize("losses, message", [([], "no losses"), ([1.0, float("nan")], "NaN"),
                                             ([1.0, 0.0], "log=False")])
def test_the_loss_curve_refuses_what_it_cannot_draw(losses, message):
    with pytest.raises(ValueError, match=message):
        plot_losses(losses)


def test_kernels_side_by_side_share_one_scale_symmetric_around_zero():
    fig = show_kernels_side_by_side({"true": torch.tensor([[-2.0, 0.0], [1.0, 0.5]]), "learned": [[1.0]]})
    assert [ax.get_title() for ax in fig.axes] == ["true", "learned"]
    assert [text.get_text() for text in fig.axes[0].texts] == ["-2.00", "0.00", "1.00", "0.50"]
    # the same value gets the same colour in both panels: 1.0 in each
    left = fig.axes[0].patches[2].get_facecolor()
    right = fig.axes[1].patches[0].get_facecolor()
    assert np.allclose(left, right)


def test_kernels_side_by_side_refuse_nothing_or_a_non_2d_kernel():
    with pytest.raises(ValueError, match="at least one kernel"):
        show_kernels_side_by_side({})
    with pytest.raises(ValueError, match="must be 2-D"):
        show_kernels_side_by_side({"k": torch.zeros(1, 3, 3)})


def test_the_kernel_grid_is_one_mosaic_on_a_scale_symmetric_around_zero():
    weight = torch.arange(-8.0, 10.0).reshape(2, 1, 3, 3)
    fig = show_kernel_grid(weight, ncols=8)
    (image,) = fig.axes[0].images
    assert image.get_clim() == (-9.0, 9.0)
    mosaic = image.get_array()
    assert mosaic.shape == (3, 7)  # two 3x3 kernels and a one-pixel gap
    assert mosaic.mask[:, 3].all() and not mosaic.mask[:, :3].any()
    assert np.array_equal(mosaic[:, :3], weight[0, 0].numpy())
    assert np.array_equal(mosaic[:, 4:], weight[1, 0].numpy())
    with pytest.raises(ValueError, match="C_out, C_in, kH, kW"):
        show_kernel_grid(torch.zeros(3, 3))


def test_a_mosaic_wraps_rows_after_ncols_images_and_shares_one_scale():
    maps = torch.stack([torch.full((2, 2), float(value)) for value in range(5)])
    fig = show_mosaic(maps, ncols=3)
    (image,) = fig.axes[0].images
    mosaic = image.get_array()
    assert mosaic.shape == (5, 8)  # 2 rows of 2 + gap; 3 columns of 2 + 2 gaps
    assert mosaic[3, 0] == 3 and mosaic[3, 3] == 4 and mosaic.mask[3, 6]  # the sixth place is empty
    assert image.get_clim() == (0.0, 4.0)


@pytest.mark.parametrize("images, options, message", [
    (torch.zeros(2, 2), {}, "shape"), (torch.zeros(0, 2, 2), {}, "shape"),
    (torch.full((1, 2, 2), float("nan")), {}, "NaN"), (torch.zeros(1, 2, 2), {"ncols": 0}, "ncols"),
])
def test_a_mosaic_refuses_what_it_cannot_draw(images, options, message):
    with pytest.raises(ValueError, match=message):
        show_mosaic(images, **options)
