// "Cite" boxes: a copy button beside each citation. Without this script the buttons stay hidden
// and the citation text is there to select; the status line says whether the copy worked.
(function () {
  "use strict";
  if (window.quoteCiteLoaded) return;
  window.quoteCiteLoaded = true;
  // The buttons show only once this script runs (app.css), in swapped fragments too.
  document.documentElement.classList.add("can-copy");

  function copyBySelection(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function announce(status, message) {
    // Emptied first, so that copying twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-citation]");
    if (!button) return;
    var text = button.closest(".citation").querySelector(".citation-text");
    var status = button.closest(".cite").querySelector(".copy-status");
    // The messages come translated from the page (_cite.html), in the reader's language.
    var copiedMessage = text.getAttribute("lang") === "fr" ? status.dataset.copiedFr : status.dataset.copiedEn;
    var copied = function () { announce(status, copiedMessage); };
    var failed = function () {
      if (copyBySelection(text)) {
        copied();
      } else {
        announce(status, status.dataset.blocked);
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.textContent).then(copied, failed);
    } else {
      failed();
    }
  });
})();
