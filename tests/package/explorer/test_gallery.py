"""The animation gallery: captions agree with torch, buttons work, reduced motion is respected."""

from __future__ import annotations

import json
import re
from html import escape, unescape

import pytest
import torch
import torch.nn.functional as F
from explorer_testing import torch_conv

from convcourse import messages, set_language
from convcourse.explorer.gallery import GALLERY_CASES, gallery_html, show_gallery
from convcourse.explorer.page import style_html
from convcourse.explorer.state import default_values, format_number

# The guide's cases, as Dumoulin & Visin (2016) list them: (input, kernel, padding, stride, dilation).
GUIDE = {
    "no-padding-no-strides": (4, 3, 0, 1, 1),
    "arbitrary-padding": (5, 4, 2, 1, 1),
    "half-padding": (5, 3, 1, 1, 1),
    "full-padding": (5, 3, 2, 1, 1),
    "no-padding-strides": (5, 3, 0, 2, 1),
    "padding-strides": (5, 3, 1, 2, 1),
    "padding-strides-odd": (6, 3, 1, 2, 1),
    "dilation": (7, 3, 0, 1, 2),
}
# The guide's transposed cases (chapter 4): (input, kernel, padding, stride) of conv_transpose2d.
TRANSPOSED = {
    "transposed-no-padding-no-strides": (2, 3, 0, 1),
    "transposed-strides": (3, 3, 0, 2),
}


def torch_conv_transpose(i, k, p, s):
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    return F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p)[0, 0]


@pytest.fixture(scope="module")
def html() -> str:
    return gallery_html()


def figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'<figure class="convcourse-animation" data-case="([\w-]+)"[^>]*>(.*?)</figure>',
                           html, re.S))


def test_gallery_holds_the_guides_cases(html):
    assert html.startswith('<div class="convcourse-gallery"')
    assert {c.slug: (c.input_size, c.kernel_size, c.padding, c.stride, c.dilation)
            for c in GALLERY_CASES if not c.transposed} == GUIDE
    assert {c.slug: (c.input_size, c.kernel_size, c.padding, c.stride)
            for c in GALLERY_CASES if c.transposed} == TRANSPOSED
    assert set(figures(html)) == set(GUIDE) | set(TRANSPOSED)


@pytest.mark.parametrize("slug", sorted(GUIDE))
def test_caption_sizes_match_torch(html, slug):
    body = figures(html)[slug]
    caption = unescape(re.search(r"<figcaption>(.*?)</figcaption>", body).group(1))
    i, k, p, s, d = GUIDE[slug]
    out = torch_conv(i, k, p, s, d)
    assert f"a {i} × {i} input, a {k} × {k} kernel, padding {p}, stride {s}, dilation {d}." in caption
    assert_size_comes_after_a_prediction(body, caption, out)
    data = json.loads(re.search(r'data-role="data">(.*?)</script>', body).group(1))
    assert data["state"]["o"] == [[float(v) for v in row] for row in out.tolist()]
    assert_geometry_gives_torchs_numbers(data["state"], out)
    assert re.search(r'data-role="terms">[^<]*= ' + format_number(out[0, 0].item()) + "<", body)


def assert_size_comes_after_a_prediction(body: str, caption: str, out) -> None:
    """Lesson 3 asks for these sizes: the caption, the counter and the picture do not give it;
    the answer's toggle does, and the output panel is hidden until then."""
    size = f"{out.shape[0]} × {out.shape[1]} output"
    assert size not in caption and "output is" not in caption
    assert unescape(re.search(r'data-role="frame">(.*?)<', body).group(1)) == (
        messages.FRAME_COUNTER_HIDDEN.format(frame=1))
    answer = re.search(r'<details class="ck-answer" data-role="answer"><summary>(.*?)</summary>'
                       r"(.*?)</details>", body)
    assert answer and size in unescape(answer.group(2))
    assert re.search(r'<g data-role="output" display="none">', body)
    label = unescape(re.search(r'<svg [^>]*aria-label="([^"]*)"', body).group(1))
    assert size not in label and f"{out.shape[0]} × {out.shape[1]}." not in label


def assert_geometry_gives_torchs_numbers(state: dict, out) -> None:
    """The script's lookups (window corner rs[r], cs[c] plus each tap's offset, times the tap's
    kernel cell) give torch's output at every step: the geometry is right without the script
    applying stride or dilation."""
    x, w = state["x"], state["w"]
    assert (len(state["rs"]), len(state["cs"])) == tuple(out.shape)
    for r, top in enumerate(state["rs"]):
        for c, left in enumerate(state["cs"]):
            total = sum(x[top + dr][left + dc] * w[a][b] for dr, dc, a, b in state["taps"])
            assert total == out[r, c].item(), (r, c)


@pytest.mark.parametrize("slug", sorted(TRANSPOSED))
def test_transposed_case_shows_conv_transpose2d(html, slug):
    body = figures(html)[slug]
    caption = unescape(re.search(r"<figcaption>(.*?)</figcaption>", body).group(1))
    i, k, p, s = TRANSPOSED[slug]
    x = default_values(i, kernel=False)
    out = torch_conv_transpose(i, k, p, s)
    # conv_transpose2d with a 1 × 1 kernel of 1 and stride s is the stretched input itself.
    stretched = F.conv_transpose2d(x[None, None], torch.ones(1, 1, 1, 1, dtype=x.dtype),
                                   stride=s)[0, 0]
    ring = k - 1 - p
    assert f"F.conv_transpose2d(x, w, stride={s}, padding={p})" in caption
    assert f"of a {x.shape[0]} × {x.shape[1]} input with a {k} × {k} kernel" in caption
    assert f"a {stretched.shape[0]} × {stretched.shape[1]} stretched input" in caption
    assert f"= {ring} on every side makes it {stretched.shape[0] + 2 * ring} × " in caption
    assert "flipped by 180°" in caption
    assert_size_comes_after_a_prediction(body, caption, out)
    data = json.loads(re.search(r'data-role="data">(.*?)</script>', body).group(1))
    assert data["state"]["o"] == out.tolist()  # exactly torch's numbers (integer-valued)
    assert data["state"]["x"] == F.pad(stretched, (ring,) * 4).tolist()
    assert data["state"]["w"] == torch.rot90(default_values(k, kernel=True), 2).tolist()
    # The flipped kernel slides with stride 1 and no dilation over the stretched input.
    assert data["state"]["rs"] == list(range(out.shape[0]))
    assert data["state"]["cs"] == list(range(out.shape[1]))
    assert_geometry_gives_torchs_numbers(data["state"], out)
    # Inserted zeros are dotted (their own pattern), apart from the padding's hatch.
    inserted = int((stretched == 0).sum() - (x == 0).sum())
    if inserted:
        dotted = re.search(r'<path d="([^"]+)" fill="url\(#ckg\d+z\)"/>', body).group(1)
        assert dotted.count("z") == inserted
    else:
        assert not re.search(r'fill="url\(#ckg\d+z\)"', body)


def test_legend_names_the_transposed_marks(html):
    assert escape(messages.LEGEND_INSERTED) in html and escape(messages.LEGEND_FLIPPED) in html
    assert escape(messages.LEGEND_INSERTED) not in gallery_html(
        [c for c in GALLERY_CASES if not c.transposed])


def test_buttons_are_real_buttons_with_accessible_names(html):
    for slug, body in figures(html).items():
        for action in ("play", "pause", "step"):
            m = re.search(rf'<button type="button" data-action="{action}" aria-label="([^"]+)"',
                          body)
            assert m and messages.CASE_TITLES[slug] in unescape(m.group(1)), (slug, action)


def test_gallery_requests_nothing(html):
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {"http://www.w3.org/2000/svg"}
    # One link: the stylesheet, carried in its data: URL.
    assert re.findall(r"<link\b[^>]*>", html) == [style_html()] and " src=" not in html


def _open(browser, html, tmp_path, reduced: bool):
    page_file = tmp_path / "gallery.html"
    page_file.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                         f"<title>gallery</title></head><body>{html}</body></html>",
                         encoding="utf-8")
    context = browser.new_context(reduced_motion="reduce" if reduced else "no-preference")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_file.as_uri())
    return context, page, errors


def expect(locator):
    """Playwright's auto-waiting assertions, imported only by the browser tests (make unit runs
    this file's other tests without a browser)."""
    from playwright.sync_api import expect as auto_waiting

    return auto_waiting(locator)


@pytest.mark.browser
def test_play_pause_and_step_work_in_chromium(browser, html, tmp_path):
    context, page, errors = _open(browser, html, tmp_path, reduced=False)
    anim = page.locator('[data-case="padding-strides"]')
    frame = anim.locator('[data-role="frame"]')
    page.wait_for_timeout(1200)
    assert frame.inner_text() == messages.FRAME_COUNTER_HIDDEN.format(frame=1)  # no autoplay
    assert anim.locator('[data-role="output"]').is_hidden()  # the reader predicts first
    anim.locator('[data-action="step"]').click()
    expect(frame).to_have_text(messages.FRAME_COUNTER.format(frame=2, total=9))
    expect(anim.locator('[data-role="output"]')).to_be_visible()
    expect(anim.locator('[data-role="answer"]')).to_have_attribute("open", re.compile(".*"))
    out = torch_conv(5, 3, 1, 2, 1)
    expect(anim.locator('[data-role="terms"]')).to_have_text(
        re.compile(re.escape(f"= {format_number(out[0, 1].item())}") + "$"))
    anim.locator('[data-action="play"]').click()
    expect(frame).not_to_have_text(messages.FRAME_COUNTER.format(frame=2, total=9))  # it plays
    anim.locator('[data-action="pause"]').click()
    paused_at = frame.inner_text()
    page.wait_for_timeout(1000)
    assert frame.inner_text() == paused_at
    assert anim.locator('[data-role="reduced-motion"]').is_hidden()
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("reduced", [False, True])
def test_transposed_case_steps_through_torchs_numbers_in_chromium(browser, html, tmp_path,
                                                                  reduced):
    context, page, errors = _open(browser, html, tmp_path, reduced=reduced)
    anim = page.locator('[data-case="transposed-strides"]')
    out = torch_conv_transpose(3, 3, 0, 2)
    total = out.numel()
    assert anim.locator('[data-action="play"]').is_disabled() == reduced
    for n in range(1, 9):
        anim.locator('[data-action="step"]').click()
        r, c = divmod(n, out.shape[1])
        expect(anim.locator('[data-role="frame"]')).to_have_text(messages.FRAME_COUNTER.format(
            frame=n + 1, total=total))
        terms = anim.locator('[data-role="terms"]').inner_text()
        assert terms.startswith(f"output[{r}, {c}] = ")
        assert terms.endswith(f"= {format_number(out[r, c].item())}")
        products = re.findall(r"(-?[\d.]+)×(-?[\d.]+)", terms)
        assert len(products) == 9
        assert sum(float(a) * float(b) for a, b in products) == out[r, c].item()
    if not reduced:
        anim.locator('[data-action="play"]').click()
        expect(anim.locator('[data-role="frame"]')).not_to_have_text(messages.FRAME_COUNTER.format(
            frame=9, total=total))
        anim.locator('[data-action="pause"]').click()
    assert errors == []
    context.close()


@pytest.mark.browser
def test_reduced_motion_turns_play_off_and_step_still_works(browser, html, tmp_path):
    context, page, errors = _open(browser, html, tmp_path, reduced=True)
    anim = page.locator('[data-case="dilation"]')
    assert anim.locator('[data-action="play"]').is_disabled()
    assert anim.locator('[data-role="reduced-motion"]').inner_text() == messages.REDUCED_MOTION_NOTE
    anim.locator('[data-action="step"]').click()
    expect(anim.locator('[data-role="frame"]')).to_have_text(messages.FRAME_COUNTER.format(
        frame=2, total=9))
    assert errors == []
    context.close()


@pytest.mark.browser
def test_the_answer_toggle_shows_the_output_and_its_size_in_chromium(browser, html, tmp_path):
    context, page, errors = _open(browser, html, tmp_path, reduced=True)
    anim = page.locator('[data-case="full-padding"]')
    assert anim.locator('[data-role="output"]').is_hidden()
    anim.locator('[data-role="answer"] summary').click()
    out = torch_conv(5, 3, 2, 1, 1)
    expect(anim.locator('[data-role="output"]')).to_be_visible()
    expect(anim.locator('[data-role="answer"]')).to_contain_text(f"{out.shape[0]} × {out.shape[1]} output")
    assert anim.locator('[data-role="frame"]').inner_text() == messages.FRAME_COUNTER.format(
        frame=1, total=out.numel())
    assert errors == []
    context.close()


@pytest.mark.parametrize("kind, slugs", [("direct", set(GUIDE)), ("transposed", set(TRANSPOSED)),
                                         ("all", set(GUIDE) | set(TRANSPOSED))])
def test_a_kind_shows_its_cases_only(kind, slugs):
    assert set(figures(gallery_html(kind=kind))) == slugs


def test_show_gallery_displays_the_kind_asked_for(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    show_gallery(kind="transposed")
    show_gallery(cases=GALLERY_CASES[:1])
    assert set(figures(shown[0])) == set(TRANSPOSED)
    assert set(figures(shown[1])) == {GALLERY_CASES[0].slug}


@pytest.mark.parametrize("kind", ["Direct", "conv", "", None, 3])
def test_an_unknown_kind_gets_one_line_naming_the_kinds(kind):
    with pytest.raises(ValueError) as raised:
        show_gallery(kind=kind)
    text = str(raised.value)
    assert "\n" not in text and repr(kind) in text
    assert all(repr(known) in text for known in ("direct", "transposed", "all"))


def test_an_unknown_kind_speaks_the_readers_language():
    try:
        set_language("zh_CN")
        with pytest.raises(ValueError, match="动画集"):
            gallery_html(kind="pooling")
    finally:
        set_language("en")
