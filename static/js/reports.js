// Generated documents: poll the status endpoint while a document is queued or running and
// show its progress; when it is ready, reveal the download link. No inline scripts (CSP).
(function () {
  "use strict";
  var box = document.querySelector(".document-status[data-status-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var part = function (role) { return box.querySelector("[data-role='" + role + "']"); };
  var delay = 500;

  function show(data) {
    box.setAttribute("data-status", data.status);
    part("status-label").textContent = data.status_label;
    part("progress").value = data.progress;
    part("progress").textContent = data.progress + "%";
    var error = part("error");
    error.textContent = data.error || "";
    error.hidden = !data.error;
    if (data.download_url) {
      part("download").href = data.download_url;
      part("ready").hidden = false;
      part("size").textContent = data.size_label || "";
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        if (data.status === "queued" || data.status === "running") {
          delay = Math.min(delay * 1.5, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  poll();
})();
