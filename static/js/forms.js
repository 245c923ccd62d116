// Filter forms that search as you type (search, article and speaker lists):
// - empty fields stay out of the request, so the address pushed to the history holds only the
//   filters that are set (the server redirects a plain submit the same way);
// - a facet's box filters its checkboxes by name without asking the server;
// - the filters panel starts folded on a phone and keeps its state, and each facet box its text,
//   when htmx swaps the results.
(function () {
  "use strict";

  const NARROW = window.matchMedia("(max-width: 51.99rem)");
  const facetText = new Map();
  let filtersOpen = !NARROW.matches;

  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") {
      return;
    }
    const data = event.detail.formData;
    const kept = Array.from(data.entries()).filter(function (entry) {
      return entry[1] !== "";
    });
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
      data.delete(name);
    });
    kept.forEach(function (entry) {
      data.append(entry[0], entry[1]);
    });
  });

  function filterFacet(input) {
    const list = document.getElementById(input.dataset.facetFilter);
    if (!list) {
      return;
    }
    const wanted = fold(input.value.trim());
    list.querySelectorAll("li").forEach(function (item) {
      const checked = item.querySelector("input:checked");
      item.hidden = wanted !== "" && !checked && !fold(item.textContent).includes(wanted);
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(root) {
    root.querySelectorAll("input[data-facet-filter]").forEach(function (input) {
      input.hidden = false;
      input.value = facetText.get(input.id) || "";
      filterFacet(input);
    });
    root.querySelectorAll("details[data-filters]").forEach(function (panel) {
      panel.open = filtersOpen;
      panel.addEventListener("toggle", function () {
        filtersOpen = panel.open;
      });
    });
  }

  // Typing in a facet's box filters its list; it must not reach the form, which would search.
  document.addEventListener(
    "input",
    function (event) {
      const input = event.target;
      if (input.matches && input.matches("input[data-facet-filter]")) {
        event.stopPropagation();
        facetText.set(input.id, input.value);
        filterFacet(input);
      }
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    // Enter in a facet's box would submit the whole form.
    if (event.key === "Enter" && event.target.matches("input[data-facet-filter]")) {
      event.preventDefault();
    }
  });

  // htmx announces the page itself once loaded, then every piece of content it swaps in.
  document.addEventListener("htmx:load", function (event) {
    setUp(event.detail.elt);
  });
})();
