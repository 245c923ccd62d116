// Editors' helpers: text selection to span, picked speaker suggestions' ids, review queue shortcuts,
// keeping focus after a save. Loaded once by base.html on every page; each part acts only where
// its forms are. Everything here is an enhancement: without it, the forms still post.
(function () {
  "use strict";

  var BODY = "[data-article-body], .article-body";
  // Tooltips and the legend live inside the article body but are not article text.
  var NOT_TEXT = ".tip, .legend";
  var lastSelection = null;

  function plainText(fragment) {
    fragment.querySelectorAll(NOT_TEXT).forEach(function (node) { node.remove(); });
    return fragment.textContent;
  }

  function readSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    var element = container.nodeType === 1 ? container : container.parentElement;
    var body = element && element.closest(BODY);
    if (!body) return null;
    var text = plainText(range.cloneContents()).trim();
    if (!text) return null;
    var before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    // Approximate: the server finds the exact offsets by matching the text nearest to this.
    return { text: text, near: plainText(before.cloneContents()).length };
  }

  document.addEventListener("selectionchange", function () {
    var current = readSelection();
    if (current) lastSelection = current;
  });

  function revealSelectionButtons() {
    // Only where there is article text to select.
    if (!document.querySelector(BODY)) return;
    document.querySelectorAll("[data-use-selection]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-selection]");
    if (!button) return;
    var form = button.closest("form");
    var picked = readSelection() || lastSelection;
    var preview = form.querySelector(".selection-preview");
    if (!picked) {
      if (preview) preview.textContent = "Select some words of the article first.";
      return;
    }
    form.elements.selected.value = picked.text;
    form.elements.near.value = picked.near;
    if (preview) {
      var shown = picked.text.length > 120 ? picked.text.slice(0, 117) + "…" : picked.text;
      preview.textContent = "Selected: “" + shown + "”";
    }
  });

  // Speaker suggestions show names; the picked one's id goes in a hidden field, so a name
  // typed by hand (even a number) is never taken for an id.
  document.addEventListener("input", function (event) {
    var field = event.target.closest("[data-id-field]");
    if (!field || !field.form) return;
    var hidden = field.form.elements[field.dataset.idField];
    var list = field.list;
    if (!hidden) return;
    var picked = "";
    if (list) {
      var same = Array.prototype.filter.call(list.options, function (option) {
        return option.value === field.value;
      });
      // Two speakers of one name: let the server resolve the name rather than guess.
      if (same.length === 1) picked = same[0].dataset.id || "";
    }
    hidden.value = picked;
  });

  // Review queue: j/k move, c confirm, r reject, e edit.
  var current = -1;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  }

  function focusItem(index) {
    var list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(index, list.length - 1));
    list.forEach(function (item, i) { item.classList.toggle("is-current", i === current); });
    list[current].focus();
    list[current].scrollIntoView({ block: "nearest" });
  }

  function currentItem() {
    var list = items();
    if (current < 0 || current >= list.length) focusItem(0);
    return items()[current] || null;
  }

  var editPending = null;

  function focusSpeakerField(item) {
    var field = item.querySelector("details.quote-edit[open] input[name=speaker]");
    if (field) field.focus();
    return Boolean(field);
  }

  function press(selector) {
    var item = currentItem();
    var control = item && item.querySelector(selector);
    if (control && !control.disabled) control.click();
    return Boolean(control);
  }

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-review-item]")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    switch (event.key) {
      case "j": focusItem(current + 1); break;
      case "k": focusItem(current - 1); break;
      case "c":
        if (press("[data-action=confirm]")) focusItem(current + 1);
        break;
      case "r":
        if (press("[data-action=reject]")) focusItem(current + 1);
        break;
      case "e": {
        var item = currentItem();
        var details = item && item.querySelector("details.quote-edit");
        if (!details) return;
        details.open = true;
        // The queue fetches an item's forms when it is opened: focus the field once they came.
        if (!focusSpeakerField(item)) editPending = item.dataset.reviewItem;
        break;
      }
      default: return;
    }
    event.preventDefault();
  });

  // After a save htmx swaps the tools (or the list holding them) and gives focus back to the
  // control with the same id. A control that no longer exists or is now disabled (Confirm, once
  // confirmed) cannot take it: focus the tools' status line rather than losing it to the page.
  var toolsOfRequest = null;
  var status = document.getElementById("save-status");

  document.addEventListener("htmx:beforeRequest", function (event) {
    var tools = event.detail.elt.closest && event.detail.elt.closest(".quote-tools, .speaker-tools");
    if (!tools) return;
    toolsOfRequest = tools.id;
    if (status) status.textContent = "";
  });

  document.addEventListener("htmx:afterSettle", function () {
    revealSelectionButtons();
    if (editPending) {
      var item = document.querySelector('[data-review-item="' + editPending + '"]');
      if (item && focusSpeakerField(item)) editPending = null;
    }
    if (!toolsOfRequest) return;
    var tools = document.getElementById(toolsOfRequest);
    var active = document.activeElement;
    if (tools && (!active || active === document.body)) {
      var anchor = tools.querySelector(".tools-status, summary");
      if (anchor) anchor.focus({ preventScroll: true });
    }
  });

  revealSelectionButtons();
})();
