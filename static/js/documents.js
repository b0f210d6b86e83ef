// The documents list: while a document is queued or being made, ask its status endpoint, one
// document at a time, and update its row; when none is left pending, stop. Without a broker the
// status request itself makes the document (reports.services.document_ensure_ready), so the
// list's queued documents are made while it is open. No inline scripts (CSP).
(function () {
  "use strict";
  var delay = 1000;
  var turn = 0;

  function pending() {
    return Array.prototype.slice.call(document.querySelectorAll("tr[data-pending][data-status-url]"));
  }

  function update(row, data) {
    var label = row.querySelector("[data-role='status-label']");
    label.textContent = data.status_label;
    label.className = "doc-status doc-" + data.status;
    row.querySelector("[data-role='size']").textContent = data.size_label || "—";
    if (data.status !== "queued" && data.status !== "running") {
      row.removeAttribute("data-pending");
    }
  }

  function next() {
    var rows = pending();
    if (!rows.length) { return; }
    var row = rows[turn % rows.length];
    fetch(row.getAttribute("data-status-url"), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        update(row, data);
        if (row.hasAttribute("data-pending")) {
          // still being made by a worker: ask about the others first, come back later
          turn += 1;
          delay = Math.min(delay * 1.5, 10000);
          window.setTimeout(next, delay);
        } else {
          delay = 1000;
          window.setTimeout(next, 200);
        }
      })
      .catch(function () { window.setTimeout(next, 10000); });
  }

  next();
})();
