// Session idle timeout (issue 13 item 6): shortly before a signed-in session ends for lack of
// activity, offer to continue; when it has ended, go to the login page. The server decides
// (core.middleware.SessionIdleTimeoutMiddleware): the page asks it how long is left, so work
// in another tab keeps this one open too. Settings come from <body data-…>; no inline script
// (Content-Security-Policy).
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-session-url");
  var box = document.getElementById("idle-warning");
  if (!url || !box) { return; }
  var timeout = parseInt(body.getAttribute("data-idle-timeout"), 10) * 1000;
  var warning = parseInt(body.getAttribute("data-idle-warning"), 10) * 1000;
  var loginUrl = body.getAttribute("data-login-url");
  var remaining = box.querySelector("[data-role='idle-remaining']");
  var deadline = Date.now() + timeout;
  var checkTimer = null;
  var tickTimer = null;

  function schedule(ms) {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(check, Math.max(ms, 1000));
  }

  function ended() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(next));
  }

  function hide() {
    box.hidden = true;
    window.clearInterval(tickTimer);
    tickTimer = null;
  }

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var seconds = left % 60;
    remaining.textContent = Math.floor(left / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (left <= 0) { hide(); check(); }
  }

  function show() {
    box.hidden = false;
    tick();
    if (!tickTimer) { tickTimer = window.setInterval(tick, 1000); }
  }

  function update(data) {
    if (!data.authenticated || data.remaining <= 0) { ended(); return; }
    var left = data.remaining * 1000;
    deadline = Date.now() + left;
    if (left > warning) { hide(); schedule(left - warning); } else { show(); schedule(left); }
  }

  function ask(method) {
    var token = document.querySelector("input[name='csrfmiddlewaretoken']");
    var headers = { "Accept": "application/json" };
    if (method === "POST" && token) { headers["X-CSRFToken"] = token.value; }
    fetch(url, { method: method, credentials: "same-origin", headers: headers })
      .then(function (response) { return response.json(); })
      .then(update)
      .catch(function () { schedule(30000); });
  }

  function check() { ask("GET"); }

  box.querySelector("[data-role='idle-continue']").addEventListener("click", function () {
    ask("POST");
  });
  schedule(timeout - warning);
}());
