// The header's search box: Pagefind's UI over the index of the page's own language.
// Pagefind splits its index by <html lang>, so a Japanese page searches Japanese pages only.
(function () {
  const script = document.currentScript;
  const bundle = new URL("../pagefind/", script.src).href;
  const labels = {
    en: "Search", ja: "検索", "pt-BR": "Pesquisar",
  };

  function addStylesheet() {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = bundle + "pagefind-ui.css";
    document.head.appendChild(link);
  }

  function loadScript(done) {
    const tag = document.createElement("script");
    tag.src = bundle + "pagefind-ui.js";
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function mount() {
    const header = document.querySelector(".md-header__inner");
    if (!header) return;
    const language = document.documentElement.lang || "en";
    const button = document.createElement("button");
    button.className = "md-header__button md-icon lr-search-toggle";
    button.type = "button";
    button.setAttribute("aria-label", labels[language] || labels.en);
    button.setAttribute("aria-expanded", "false");
    button.innerHTML =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
      '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    const panel = document.createElement("div");
    panel.id = "lr-search";
    panel.className = "lr-search-panel";
    panel.hidden = true;
    const anchor = header.querySelector(".md-header__source") || null;
    header.insertBefore(button, anchor);
    document.body.appendChild(panel);

    // Pagefind's UI (its script and style, about 130 KB) is fetched the first time the reader opens the search,
    // not with every page.
    let loading = null;
    function searchBox() {
      loading = loading || new Promise((resolve) => {
        addStylesheet();
        loadScript(() => {
          // A recipe's search terms (its front matter's `search`, in a `keywords` meta tag) weigh eight times its
          // title: a reader who types a technique's name or its glossary term gets that recipe first.
          new PagefindUI({ element: "#lr-search", bundlePath: bundle, showSubResults: true, showImages: false,
                           ranking: { metaWeights: { title: 5.0, keywords: 40.0 } } });
          resolve();
        });
      });
      return loading;
    }

    function toggle(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) searchBox().then(() => panel.querySelector("input")?.focus());
    }
    button.addEventListener("click", () => toggle(panel.hidden));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) toggle(false);
      if (event.key === "/" && panel.hidden && !/INPUT|TEXTAREA/.test(document.activeElement.tagName)) {
        event.preventDefault();
        toggle(true);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
