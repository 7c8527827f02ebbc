"""set_language("zh_CN") lets matplotlib draw Chinese offline, with the installed CJK fonts; "en"
restores the rcParams it changed.

The figure tests FAIL (never skip) when no CJK font is installed: the Chinese edition's figures
would show boxes. Debian: apt-get install fonts-wqy-microhei (this machine and CI have it).
"""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager

import convcourse
from convcourse import i18n, messages
from convcourse.drawing.learned import plot_losses
from convcourse.drawing.pipeline import draw_pipeline
from convcourse.drawing.windows import draw_windows


@pytest.fixture(autouse=True)
def english_after_each_test(close_new_figures):
    assert convcourse.language() == "en", "a test started in another language than English"
    yield
    convcourse.set_language("en")


def require_a_cjk_font() -> list[str]:
    fonts = i18n.installed_cjk_fonts()
    if not fonts:
        pytest.fail("No CJK font is installed, so the Chinese figures would show boxes: install one "
                    "(Debian: apt-get install fonts-wqy-microhei or fonts-noto-cjk).", pytrace=False)
    return fonts


def font_of(text) -> str:
    """The family name of the font file matplotlib picks for a Text artist."""
    path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
    return font_manager.FontProperties(fname=path).get_name()


def draw_strictly(fig) -> None:
    """Render the figure with every warning an error (a missing glyph is a warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


def test_chinese_title_and_axis_labels_draw_with_a_cjk_font_and_no_missing_glyph():
    require_a_cjk_font()
    convcourse.set_language("zh_CN")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot(np.arange(-3, 4), np.arange(-3, 4) ** 2 - 5)  # negative ticks: the minus sign
    ax.set_title("卷积核在填充后的输入上滑动：步幅 2，扩张 1")
    ax.set_xlabel(messages.AXIS_STEP)
    ax.set_ylabel(messages.AXIS_LOSS)
    draw_strictly(fig)
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        assert font_of(text) in i18n.CJK_FONTS, f"{text.get_text()!r} is drawn with {font_of(text)}"
    assert any(t.get_text().startswith("-") for t in ax.get_yticklabels())  # a hyphen, not U+2212


def test_the_lessons_figures_draw_in_chinese_without_warnings():
    require_a_cjk_font()
    convcourse.set_language("zh_CN")
    import matplotlib.pyplot as plt

    fig = plot_losses([2.0, 1.0, 0.5, 0.3], title="损失随训练步数下降")
    assert fig.axes[0].get_xlabel() == "训练步数" and fig.axes[0].get_ylabel() == "损失"
    draw_strictly(fig)
    fig, (left, right) = plt.subplots(1, 2)
    draw_pipeline(left, [("输入", "input", (1, 28, 28)), ("卷积层", "conv", (8, 26, 26))])
    draw_windows(right, 6, 3, 2, 1, title="步幅 2，填充 1 的窗口")
    draw_strictly(fig)


def test_with_english_settings_chinese_text_warns_so_drawing_strictly_can_fail():
    # The tests above can fail: with matplotlib's default font, Chinese does warn.
    require_a_cjk_font()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_title("卷积")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_cjk_fonts_come_first_in_the_given_order_and_dejavu_sans_last():
    fonts = require_a_cjk_font()
    assert fonts == [name for name in i18n.CJK_FONTS if name in fonts]
    before = {key: matplotlib.rcParams[key] for key in i18n.RC_KEYS}
    convcourse.set_language("zh_CN")
    chosen = matplotlib.rcParams["font.sans-serif"]
    assert chosen[:len(fonts)] == fonts and chosen[-1] == "DejaVu Sans"
    assert chosen.count("DejaVu Sans") == 1
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    convcourse.set_language("zh_CN")  # twice: the same list, and English still restores
    assert matplotlib.rcParams["font.sans-serif"] == chosen
    convcourse.set_language("en")
    assert {key: matplotlib.rcParams[key] for key in i18n.RC_KEYS} == before


def test_this_machine_draws_chinese_with_wenquanyi_micro_hei():
    # The brief's machine and CI: fonts-wqy-microhei. Elsewhere another CJK font may come first.
    assert "WenQuanYi Micro Hei" in require_a_cjk_font()


def test_without_any_cjk_font_set_language_warns_once_in_one_line(monkeypatch):
    monkeypatch.setattr(i18n, "installed_cjk_fonts", lambda: [])
    with pytest.warns(UserWarning) as caught:
        convcourse.set_language("zh_CN")
    assert len(caught) == 1
    text = str(caught[0].message)
    assert "\n" not in text and "fonts-wqy-microhei" in text and "fonts-noto-cjk" in text
    assert text == messages.FONT_MISSING  # in the language asked for
    assert matplotlib.rcParams["font.sans-serif"][-1] == "DejaVu Sans"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert convcourse.language() == "zh_CN"  # the words switch even so


def test_english_never_touches_matplotlibs_settings():
    before = {key: matplotlib.rcParams[key] for key in i18n.RC_KEYS}
    convcourse.set_language("en")
    assert {key: matplotlib.rcParams[key] for key in i18n.RC_KEYS} == before


def test_symbols_a_cjk_font_lacks_fall_back_to_dejavu_sans_in_chinese_figures():
    """WenQuanYi has no ⋆ (U+22C6): lesson 2's multi-channel figure warned "Glyph 8902 missing"
    until font.family listed the CJK fonts and then DejaVu Sans (glyph-by-glyph fallback)."""
    require_a_cjk_font()
    convcourse.set_language("zh_CN")
    import matplotlib.pyplot as plt
    import torch

    from convcourse.drawing.channels import draw_multichannel

    x = torch.arange(18.0).reshape(2, 3, 3)
    weight = torch.ones(2, 2, 2, 2)
    fig = draw_multichannel(x, weight, torch.nn.functional.conv2d(x[None], weight)[0], cell=(0, 1))
    draw_strictly(fig)
    fig, ax = plt.subplots()
    ax.set_title("x ⋆ w：互相关")
    draw_strictly(fig)
