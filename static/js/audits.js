// Score sheet: outline the descriptors' column of the chosen score, so the auditor sees which
// definition they picked. Works without it: the radio buttons carry the score.
(function () {
  "use strict";
  function mark(fieldset) {
    var checked = fieldset.querySelector("input[type=radio]:checked");
    var table = fieldset.querySelector(".descriptors");
    if (!table) { return; }
    var column = -1;
    table.querySelectorAll("tfoot td").forEach(function (cell, index) {
      if (checked && cell.contains(checked)) { column = index; }
    });
    table.querySelectorAll("tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        cell.classList.toggle("selected", index === column);
      });
    });
  }
  document.querySelectorAll("fieldset.criterion").forEach(function (fieldset) {
    mark(fieldset);
    fieldset.addEventListener("change", function () { mark(fieldset); });
  });
})();
