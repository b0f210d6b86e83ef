/* A box that scrolls sideways (a wide table on a phone, the proposals board) must be reachable
   from the keyboard, or its hidden part cannot be read without a mouse (axe
   «scrollable-region-focusable»): such a box gets tabindex="0" while it overflows. */
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll("main table, main .scroll-x, main .board");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var style = window.getComputedStyle(box);
      var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") &&
        box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    }
  }
  mark();
  window.addEventListener("resize", mark);
})();
