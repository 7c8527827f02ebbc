/* The three things pydata-sphinx-theme 0.17.1's bootstrap.js does on this book's pages, without
   the 81 kB of Bootstrap 5 and Popper it loads for them (its run was the longest task of a
   lesson page once drawn: ~120 ms on Lighthouse's slowed-down phone). book/_ext/lean_pages.py
   loads this file instead, and the build stops if a page or the theme's script needs more of
   Bootstrap than this (theme_controls_cover_the_pages).
   1. Dropdown buttons (data-bs-toggle="dropdown": the header's "Download this page"): a click
      opens or closes the menu (class "show" on the button and the menu, as Bootstrap sets it; the
      theme's CSS places the menu), aria-expanded says which; Escape closes it and puts the focus
      back on the button; the arrow keys open it and move between its items; a click anywhere
      else, or the focus leaving the dropdown, closes it.
   2. Tooltips (data-bs-toggle="tooltip"): left to the browser, which shows each button's title
      on hover; every such button also has a name (aria-label or title) for screen readers.
   3. The "Back to top" button: shown while the reader scrolls up, below the header; a click
      goes back to the top.
   And one repair of the theme's own script: the sidebar buttons of the article's header (site
   navigation, "On this page"), which are the ones a phone shows, did nothing there. The theme
   gives its click handlers only to the first .primary-toggle and .secondary-toggle of the page
   (document.querySelector), which are in the top bar that sphinx-book-theme hides
   (pydata-sphinx-theme issue 2451, open for 0.17). A click on any later one is handed to the
   first: on a phone the theme then opens its sidebar dialog; on a wide screen sphinx-book-theme
   folds the sidebar. */
(() => {
  const TOGGLE = '[data-bs-toggle="dropdown"]';
  const menuOf = (toggle) => toggle.parentElement.querySelector(":scope > .dropdown-menu");
  const setOpen = (toggle, open) => {
    const menu = menuOf(toggle);
    if (!menu) return;
    toggle.classList.toggle("show", open);
    menu.classList.toggle("show", open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  const closeAll = (except) => {
    document.querySelectorAll(`${TOGGLE}.show`).forEach((toggle) => {
      if (toggle !== except) setOpen(toggle, false);
    });
  };

  document.addEventListener("click", (event) => {
    const toggle = event.target.closest && event.target.closest(TOGGLE);
    closeAll(toggle);  // a click on an item, or outside, closes the menu (Bootstrap's autoClose)
    if (toggle) setOpen(toggle, !toggle.classList.contains("show"));
  });

  document.addEventListener("keydown", (event) => {
    const dropdown = event.target.closest && event.target.closest(".dropdown");
    const toggle = dropdown && dropdown.querySelector(TOGGLE);
    const menu = toggle && menuOf(toggle);
    if (!menu) return;
    if (event.key === "Escape" && toggle.classList.contains("show")) {
      setOpen(toggle, false);
      toggle.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();  // the arrows move in the menu, not the page
      setOpen(toggle, true);
      const items = [...menu.querySelectorAll(".dropdown-item:not(.disabled):not(:disabled)")];
      if (!items.length) return;
      const at = items.indexOf(document.activeElement);
      const next = event.key === "ArrowDown"
        ? Math.min(at + 1, items.length - 1)
        : (at < 0 ? items.length - 1 : Math.max(at - 1, 0));
      items[next].focus();
    }
  });

  document.addEventListener("focusin", (event) => {
    const dropdown = event.target.closest && event.target.closest(".dropdown");
    closeAll(dropdown && dropdown.querySelector(TOGGLE));
  });

  for (const kind of [".primary-toggle", ".secondary-toggle"]) {
    const [handled, ...others] = document.querySelectorAll(kind);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        handled.click();
      });
    }
  }

  const back = document.getElementById("pst-back-to-top");
  const header = document.querySelector(".bd-header");
  if (back) {
    back.addEventListener("click", () => {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    let lastScroll = window.scrollY;
    let headerBottom = null;  // measured at the first scroll, not while the page loads
    window.addEventListener("scroll", () => {
      if (headerBottom === null) headerBottom = header ? header.offsetTop + header.offsetHeight : 0;
      back.style.display = lastScroll > window.scrollY && window.scrollY > headerBottom ? "block" : "none";
      lastScroll = window.scrollY;
    }, {passive: true});
  }
})();
