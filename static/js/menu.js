/* The header menu folds behind «Меню» on a phone (portal.css, max-width 700px). Without this
   script the menu simply stays open. */
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var topbar = document.querySelector(".topbar");
  if (!button || !topbar) return;
  topbar.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = topbar.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && topbar.classList.contains("open")) {
      topbar.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();
