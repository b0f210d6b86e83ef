/* Confirmation of irreversible actions (issue 17): a submit button (or a form) with
   data-confirm="…" asks «OK / Отмена» with that text before the form is sent; «Отмена» sends
   nothing. The text states what will happen. A page may keep the text current (the score sheet
   counts the criteria scored). Without JavaScript the button simply sends the form, and the
   server applies the same rules. Served by the portal (CSP script-src 'self'). */
(function () {
  "use strict";
  if (window.portalConfirmations) { return; }  // base.html loads it on every page, once
  window.portalConfirmations = true;
  var lastClicked = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button, input[type=submit]") : null;
    lastClicked = button;
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter || lastClicked;
    if (button && button.form !== form) { button = null; }
    var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (!text) { return; }
    if (!window.confirm(text)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
