/* The field score sheet (issue 17, audits.field): large 1–5 buttons, the chosen score's
   descriptors, progress, the criteria still unscored, notes — every answer saved as it is made.

   Offline: each answer first goes to the device's local storage («сохранено на устройстве»),
   then to the server one at a time («отправлено»). Without a connection the answers wait and
   are sent when it returns (the «online» event, and a retry every 15 s). Each answer carries
   a fresh Idempotency-Key (a repeat after a lost response is replayed, not applied twice) and
   the version of the answer this device last saw: a newer answer from another device comes
   back as 409 and is shown with a choice, never overwritten. The page, its script and style
   are kept on the device by the service worker (/audits/field-sw.js) and the Cache API. */
(function () {
  "use strict";
  var root = document.getElementById("field-sheet");
  if (!root) { return; }
  var answersUrl = root.getAttribute("data-answers-url");
  var storageKey = root.getAttribute("data-storage-key");
  var editable = root.getAttribute("data-editable") === "1";
  var csrf = root.getAttribute("data-csrf");
  var data = JSON.parse(document.getElementById("field-data").textContent);
  var t = function (name) { return root.getAttribute("data-t-" + name) || ""; };
  var progressEl = root.querySelector("[data-role=progress]");
  var syncEl = root.querySelector("[data-role=sync]");
  var unscoredEl = root.querySelector("[data-role=unscored]");
  var submitButton = root.querySelector("[data-testid=field-submit]");
  var sending = false;
  var loginNeeded = false;

  // --- the device's store: what the server last said, and answers waiting to be sent ---------
  function load() {
    var stored = null;
    try { stored = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { stored = null; }
    return stored && stored.known ? stored : { known: {}, pending: {}, conflicts: {} };
  }
  var store = load();
  store.pending = store.pending || {};
  store.conflicts = store.conflicts || {};
  function save() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(store)); } catch (e) { /* full */ }
  }
  // The page is the server's word unless the device has seen a newer version (a page read
  // from the cache while offline is older than the answers this device already sent).
  data.forEach(function (row) {
    var known = store.known[row.code];
    if (!known || known.version < row.version) {
      store.known[row.code] = { score: row.score, note: row.note, version: row.version };
    }
  });
  save();

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function current(code) {
    var pending = store.pending[code];
    if (pending) { return { score: pending.score, note: pending.note }; }
    var known = store.known[code] || { score: null, note: "" };
    return { score: known.score, note: known.note };
  }

  // --- drawing -----------------------------------------------------------------------------
  var cards = {};
  root.querySelectorAll(".field-card[data-applicable]").forEach(function (card) {
    cards[card.getAttribute("data-code")] = card;
  });

  function drawCard(code, shown) {
    var card = cards[code];
    if (!card) { return; }
    var answer = current(code);
    var show = shown !== undefined ? shown : answer.score;
    card.querySelectorAll(".score-button").forEach(function (button) {
      var value = parseInt(button.getAttribute("data-score"), 10);
      button.setAttribute("aria-pressed", value === answer.score ? "true" : "false");
    });
    card.querySelectorAll(".score-descriptors").forEach(function (box) {
      box.hidden = String(show) !== box.getAttribute("data-for");
    });
    var note = card.querySelector(".field-note");
    if (document.activeElement !== note && note.value !== (answer.note || "")) {
      note.value = answer.note || "";
    }
    var state = card.querySelector("[data-role=state]");
    var conflictBox = card.querySelector("[data-role=conflict]");
    var conflict = store.conflicts[code];
    state.className = "answer-state";
    if (conflict) {
      state.textContent = t("conflict");
      state.classList.add("conflict");
      conflictBox.hidden = false;
      conflictBox.querySelector("[data-role=conflict-text]").textContent = conflict.detail;
    } else {
      conflictBox.hidden = true;
      if (store.pending[code] && store.pending[code].error) {
        state.textContent = t("error") + ": " + store.pending[code].error;
        state.classList.add("error");
      } else if (store.pending[code]) {
        state.textContent = t("local");
        state.classList.add("local");
      } else if (card.getAttribute("data-touched")) {
        state.textContent = t("sent");
        state.classList.add("sent");
      } else {
        state.textContent = "";
      }
    }
  }

  function drawSummary() {
    var codes = Object.keys(cards);
    var scored = codes.filter(function (code) { return current(code).score; });
    progressEl.textContent = t("progress").replace("%(scored)s", scored.length)
      .replace("%(total)s", codes.length);
    unscoredEl.textContent = "";
    codes.filter(function (code) { return !current(code).score; }).forEach(function (code) {
      var link = document.createElement("a");
      link.href = "#" + cards[code].id;
      link.textContent = code;
      unscoredEl.appendChild(link);
      unscoredEl.appendChild(document.createTextNode(" "));
    });
    if (!unscoredEl.firstChild) { unscoredEl.textContent = t("none"); }
    var pendingCount = Object.keys(store.pending).length;
    var conflictCount = Object.keys(store.conflicts).length;
    syncEl.className = "field-sync";
    if (!editable) { return; }
    if (conflictCount) {
      syncEl.textContent = t("conflicts").replace("%(count)s", conflictCount);
      syncEl.classList.add("conflict");
    } else if (loginNeeded) {
      syncEl.textContent = t("login");
      syncEl.classList.add("pending");
    } else if (pendingCount) {
      syncEl.textContent = (navigator.onLine ? "" : t("offline") + " ") +
        t("pending").replace("%(count)s", pendingCount);
      syncEl.classList.add(navigator.onLine ? "pending" : "offline");
    } else {
      syncEl.textContent = t("all-sent");
    }
    if (submitButton) {
      var blocked = pendingCount > 0 || conflictCount > 0;
      submitButton.disabled = blocked;
      submitButton.title = blocked ? t("wait-submit") : "";
      var template = submitButton.getAttribute("data-confirm-template");
      submitButton.setAttribute("data-confirm", template.replace("%(scored)s", scored.length)
        .replace("%(total)s", codes.length));
    }
  }

  function drawAll() {
    Object.keys(cards).forEach(function (code) { drawCard(code); });
    drawSummary();
  }

  // --- answering -----------------------------------------------------------------------------
  function answer(code, change) {
    var now = current(code);
    var next = {
      score: change.score !== undefined ? change.score : now.score,
      note: change.note !== undefined ? change.note : now.note,
      key: newKey()
    };
    store.pending[code] = next;
    delete store.conflicts[code];
    cards[code].setAttribute("data-touched", "1");
    save();
    drawCard(code, change.score);
    drawSummary();
    flush();
  }

  Object.keys(cards).forEach(function (code) {
    var card = cards[code];
    card.querySelectorAll(".score-button").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!editable) { return; }
        answer(code, { score: parseInt(button.getAttribute("data-score"), 10) });
      });
    });
    var note = card.querySelector(".field-note");
    note.addEventListener("change", function () {
      if (!editable || note.value === (current(code).note || "")) { return; }
      answer(code, { note: note.value });
    });
    card.querySelector("[data-role=keep-mine]").addEventListener("click", function () {
      // The device's answer wins over the server's newer one: sent again on that version.
      var conflict = store.conflicts[code];
      if (!conflict) { return; }
      store.known[code] = conflict.server;
      delete store.conflicts[code];
      if (store.pending[code]) { store.pending[code].key = newKey(); }
      save();
      drawAll();
      flush();
    });
    card.querySelector("[data-role=take-server]").addEventListener("click", function () {
      var conflict = store.conflicts[code];
      if (!conflict) { return; }
      store.known[code] = conflict.server;
      delete store.conflicts[code];
      delete store.pending[code];
      save();
      drawAll();
    });
  });

  // --- sending ---------------------------------------------------------------------------------
  function nextToSend() {
    var codes = Object.keys(store.pending);
    for (var i = 0; i < codes.length; i += 1) {
      var pending = store.pending[codes[i]];
      if (!store.conflicts[codes[i]] && !pending.error) { return codes[i]; }
    }
    return null;
  }

  function flush() {
    if (sending || !editable) { return; }
    var code = nextToSend();
    if (!code) { drawSummary(); return; }
    var pending = store.pending[code];
    var known = store.known[code] || { version: 0 };
    var sent = { key: pending.key };
    sending = true;
    fetch(answersUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrf,
        "Idempotency-Key": pending.key
      },
      body: JSON.stringify({
        criterion: code, score: pending.score, note: pending.note || "", base: known.version
      })
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        loginNeeded = true;
        throw new Error("login");
      }
      loginNeeded = false;
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      sending = false;
      var still = store.pending[code];
      if (result.status === 200) {
        store.known[code] = { score: result.body.score, note: result.body.note, version: result.body.version };
        if (still && still.key === sent.key) { delete store.pending[code]; }
      } else if (result.status === 409 && result.body.server) {
        store.conflicts[code] = { server: result.body.server, detail: result.body.detail };
      } else if (still && still.key === sent.key) {
        var errors = result.body.errors || result.body;
        var first = errors && (errors[code] || errors.criterion || errors.score || errors.note);
        still.error = (first && first[0]) || result.body.detail || String(result.status);
      }
      save();
      drawCard(code);
      drawSummary();
      flush();
    }).catch(function () {
      // No connection (or the session ended): the answer stays on the device.
      sending = false;
      drawCard(code);
      drawSummary();
    });
  }

  window.addEventListener("online", function () { drawSummary(); flush(); });
  window.addEventListener("offline", drawSummary);
  window.setInterval(flush, 15000);

  // --- jumping ---------------------------------------------------------------------------------
  var jump = document.getElementById("field-jump");
  if (jump) {
    jump.addEventListener("change", function () {
      var target = document.getElementById(jump.value);
      if (target) {
        target.scrollIntoView();
        var first = target.querySelector("button, textarea");
        if (first) { first.focus({ preventScroll: true }); }
      }
    });
  }

  // --- keeping the page on the device ------------------------------------------------------------
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.getAttribute("data-sw-url"), {
      scope: root.getAttribute("data-sw-scope")
    }).catch(function () { /* the page still works while it stays open */ });
  }
  if (window.caches) {
    var urls = [window.location.pathname];
    document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (el) {
      urls.push(el.getAttribute("href") || el.getAttribute("src"));
    });
    window.caches.open(root.getAttribute("data-cache-name")).then(function (cache) {
      return cache.addAll(urls);
    }).catch(function () { /* offline already: what was kept stays */ });
  }

  drawAll();
  flush();
})();
