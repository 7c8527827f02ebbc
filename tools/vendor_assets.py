"""Copy the browser assets the site needs from node_modules into _vendor/.

The site must work offline and behind firewalls that block public CDNs, so MathJax
is served from the site itself (Sphinx's `mathjax_path` points here). Run by `make`
after `npm ci`; the copy is not committed.

Not `_static/`: when a `_static` folder exists, Jupyter Book adds every .js and .css file
under the static paths to every page, which would load all of MathJax's extensions eagerly.
`_vendor/` is on `html_static_path`, so its files are served from `_build/html/_static/`.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "_vendor"

# (source under node_modules, destination under _static/vendor)
ASSETS = [
    ("mathjax/es5/tex-chtml.js", "mathjax/tex-chtml.js"),
    # tex-chtml.js loads its fonts and extensions relative to itself.
    ("mathjax/es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts/woff-v2"),
    ("mathjax/es5/input/tex/extensions", "mathjax/input/tex/extensions"),
    ("mathjax/es5/a11y", "mathjax/a11y"),
    ("mathjax/es5/ui", "mathjax/ui"),
    ("mathjax/es5/sre", "mathjax/sre"),
    ("mathjax/LICENSE", "mathjax/LICENSE"),
]


def main() -> int:
    modules = ROOT / "node_modules"
    if not modules.is_dir():
        print("node_modules is missing: run `npm ci` first", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for source, destination in ASSETS:
        src, dst = modules / source, VENDOR / destination
        if not src.exists():
            print(f"vendor_assets: {src} is missing; is package-lock.json in step?", file=sys.stderr)
            return 1
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    print(f"vendor_assets: copied {len(ASSETS)} assets into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
