/* The sidebar buttons of the article's header (site navigation, "On this page"), the ones a phone
   shows, did nothing: pydata-sphinx-theme 0.17 gives its click handler only to the first
   .primary-toggle and .secondary-toggle of the page (document.querySelector), which sit in the top
   bar that sphinx-book-theme hides (pydata-sphinx-theme issue 2451; sphinx-book-theme pull request
   1000). A click on any later one is handed to the first: on a phone the theme opens its sidebar
   dialog, on a wide screen sphinx-book-theme folds the sidebar. book/_ext/sidebar_buttons.py loads
   this file; tests/site/test_sidebar_buttons.py fails, saying to delete both, once the theme's own
   handler reaches these buttons. */
(() => {
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
})();
