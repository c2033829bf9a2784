/* Marks the page editor's text fields with the content's language and direction.
   The server marks plain inputs (data-content-lang/-dir from the page's locale); rich text
   (Draftail) and StreamField blocks are drawn here in the browser, so they are marked
   when they appear. Fields with dir="ltr" set on purpose (URLs, codes) are left alone. */
(function () {
  "use strict";
  function contentLanguage() {
    var marker = document.querySelector("[data-content-lang]");
    return marker
      ? { lang: marker.getAttribute("data-content-lang"), dir: marker.getAttribute("data-content-dir") }
      : null;
  }
  var SELECTOR = [
    "form[data-edit-form] textarea",
    "form[data-edit-form] input[type=text]",
    "form[data-edit-form] [contenteditable=true]",
    "form[data-edit-form] .Draftail-Editor",
  ].join(",");
  function mark(root, content) {
    var nodes = root.querySelectorAll ? root.querySelectorAll(SELECTOR) : [];
    nodes.forEach(function (el) {
      if (el.hasAttribute("data-content-lang") || el.closest("[data-akhbar-ltr]")) return;
      if (el.matches("input[name$=go_live_at], input[name$=expire_at], input[name*=date]")) return;
      el.setAttribute("lang", content.lang);
      el.setAttribute("dir", content.dir);
      el.classList.add("akhbar-content-" + content.lang, "akhbar-content-" + content.dir);
    });
  }
  function start() {
    var content = contentLanguage();
    if (!content) return;
    mark(document, content);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) mark(node.parentNode || node, content);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
