/* The field score sheet's service worker (issue 17, audits.field): keeps the field pages and
   the files they use on the device, so that a sheet opened once opens again without a
   connection. Network first — a connected device always sees the server's sheet — and the
   copy kept on the device when the network fails. Only the field pages and what they cached
   are served from the cache; every other request goes to the network untouched. Answers are
   not sent from here: the page keeps them in local storage and sends them itself. */
"use strict";
var CACHE = "{{ cache_name }}";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("fives-field-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isFieldPage(url) {
  return url.origin === self.location.origin && /\/sheets\/\d+\/field\/$/.test(url.pathname);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (kept) {
      if (!kept && !isFieldPage(url)) { return fetch(request); }
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic" && !response.redirected) {
          cache.put(request, response.clone());
        }
        return response;
      }).catch(function () {
        return kept || Response.error();
      });
    });
  }));
});
