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

// «Сдать лист» asks with the current count: «35 из 35 оценено, сдать лист? Изменить его будет
// нельзя» (issue 17; static/js/confirm.js shows it).
(function () {
  "use strict";
  var button = document.querySelector("[data-confirm-template]");
  var form = button && button.form;
  if (!form) { return; }
  function update() {
    var sets = form.querySelectorAll("fieldset.criterion:not(.unscored)");
    var scored = 0;
    sets.forEach(function (fieldset) {
      if (fieldset.querySelector("input[type=radio]:checked")) { scored += 1; }
    });
    button.setAttribute("data-confirm", button.getAttribute("data-confirm-template")
      .replace("%(scored)s", scored).replace("%(total)s", sets.length));
  }
  update();
  form.addEventListener("change", update);
})();
