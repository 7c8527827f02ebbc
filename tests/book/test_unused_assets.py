"""book/_ext/unused_assets.py: a page leaves out the files of extensions it does not use."""

from __future__ import annotations

from types import SimpleNamespace

import unused_assets
from docutils import nodes


def script(filename, **attributes):
    """What Sphinx hands a page for each script and stylesheet: its file and its attributes."""
    return SimpleNamespace(filename=filename, attributes=attributes)


THEBE_OFF = SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": False}}, thebe_config={})
THEBE_ON = SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": True}}, thebe_config={})


def context():
    return {"script_files": [script("_static/doctools.js"), script("_static/design-tabs.js"),
                             script("", body='const THEBE_JS_URL = "https://unpkg.com/thebe"; const x = 1'),
                             script("_static/sphinx-thebe.js", **{"async": "async"}),
                             script("", type=unused_assets.WIDGET_STATE, body="{}")],
            "css_files": [script("_static/basic.css"),
                          script("_static/sphinx-design.min.css"),
                          script("_static/sphinx-thebe.css")]}


def test_a_page_without_tabs_or_thebe_keeps_only_what_it_uses_and_no_widget_state():
    page, found = nodes.document("", ""), context()
    app = SimpleNamespace(config=THEBE_OFF)
    unused_assets.leave_out_unused_assets(app, "lessons/x", "page.html", found, page)
    assert [s.filename for s in found["script_files"]] == ["_static/doctools.js"]
    assert [s.filename for s in found["css_files"]] == ["_static/basic.css"]


def test_a_page_with_a_sphinx_design_component_and_thebe_on_keeps_their_files_but_never_the_state():
    page, found = nodes.document("", ""), context()
    page += nodes.container(classes=["sd-tab-set"])
    app = SimpleNamespace(config=THEBE_ON)
    unused_assets.leave_out_unused_assets(app, "lessons/x", "page.html", found, page)
    assert len(found["script_files"]) == 4 and len(found["css_files"]) == 3
    assert all(s.attributes.get("type") != unused_assets.WIDGET_STATE for s in found["script_files"])


def test_thebe_is_wanted_with_its_button_or_always_load():
    assert not unused_assets.thebe_wanted(THEBE_OFF)
    assert unused_assets.thebe_wanted(THEBE_ON)
    always = SimpleNamespace(html_theme_options={}, thebe_config={"always_load": True})
    assert unused_assets.thebe_wanted(always)


def test_thebes_page_settings_leave_the_page_only_when_no_page_can_start_thebe():
    def page():
        document = nodes.document("", "")
        document += nodes.paragraph(text="text")
        document += nodes.raw(text='\n    <script type="text/x-thebe-config">\n    {requestKernel: true}'
                                   "\n    </script>\n    ", format="html")
        document += nodes.raw(text="<script>kernelName = 'python3'</script>", format="html")
        document += nodes.raw(text="<script>kept()</script>", format="html")
        return document

    without = page()
    unused_assets.without_thebe_page_settings(SimpleNamespace(config=THEBE_OFF), without, "lessons/x")
    assert [node.astext() for node in without.findall(nodes.raw)] == ["<script>kept()</script>"]
    assert without.astext().startswith("text")
    kept = page()
    unused_assets.without_thebe_page_settings(SimpleNamespace(config=THEBE_ON), kept, "lessons/x")
    assert len(list(kept.findall(nodes.raw))) == 3
