"""Print, for every page of the built site, the figures the offline-first checks are about.

    .venv/bin/python tools/site_report.py        (after `make book`; `make site-report`)

Per page of every edition: requests to third-party hosts, console errors (console.error and uncaught errors),
axe-core violations (all impacts), and the page weight (headers and bodies of every response,
as tools/serve_site.py serves them: gzip, like GitHub Pages) with its request count.
The tests in tests/site/test_pages.py assert these; this prints them for a closing note or a review.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The page-loading helpers are the browser tests' own (tests/support/site_audit.py): one way to measure.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_site  # noqa: E402
import site_audit  # noqa: E402


def main() -> int:
    from playwright.sync_api import sync_playwright

    site = site_audit.SITE_DIRECTORY
    pages = site_audit.site_pages(site)
    if not pages:
        print("No built site: run `make book` first.", file=sys.stderr)
        return 1
    header = (f"{'page':40} {'3rd-party hosts':>15} {'console errors':>14} {'axe (any)':>9} "
              f"{'weight':>9} {'requests':>8}")
    print(header)
    print("-" * len(header))
    with serve_site.serve_in_thread(site) as base, sync_playwright() as playwright:
        browser = site_audit.launch_chromium(playwright)
        # The desktop visit of the site checks (no phone visit, no screenshot): every edition's pages.
        visits = site_audit.SiteVisits(browser, base, site, pages, screenshots=None, phone=False)
        try:
            for name in pages:
                try:
                    visit = visits(name).desktop()
                except RuntimeError as error:
                    print(f"{name:40} {error}")
                    continue
                errors = len(visit.console_errors) + len(visit.page_errors)
                print(f"{name:40} {len(visit.other_hosts):>15} {errors:>14} {len(visit.violations):>9} "
                      f"{visit.transferred_bytes / 1e6:>7.2f}MB {len(visit.request_urls):>8}")
        finally:
            visits.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
