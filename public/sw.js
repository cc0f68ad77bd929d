// Minggon Jatinan's service worker (scope `/`). It
// - keeps the offline page, the CSS, the script and the icons from the day it is installed;
// - keeps each page a reader opens (the newest 40) and the issue form, and answers from
//   that copy, with a note that it may be old, when there is no signal; a page never
//   opened answers with the offline page;
// - keeps only what the server marks as the reader's (header `jatinan-offline`): a public
//   page, or a resident's own; never a staff page; and it forgets every kept page as soon
//   as another account (or nobody) signs in on this phone;
// - sends the forms that waited for a signal when the browser says it is back (Background
//   Sync), through the outbox in `/app.js`;
// - shows a push notice (the browser decrypts it; its JSON is title, body, url, tag) and
//   opens its page when it is tapped; and when another account (or nobody) signs in on
//   this phone it turns push off here, so that one person's notices never reach the next.
"use strict";
importScripts("/app.js");

var SHELL = "jatinan-shell-1";
var PAGES = "jatinan-pages";
var OWNER = "jatinan-owner";
var MAX_PAGES = 40;
var FORM = "/issues/new";
var KEPT = ["/offline", "/pkg/jatinan.css", "/app.js", "/manifest.webmanifest", "/icons/icon-192.png", "/favicon.ico"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(KEPT.map(function (path) { return new Request(path, { cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("jatinan-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Whose pages are kept: the `jatinan-offline` value of the last page the server sent.
function owner() {
  return caches.open(OWNER).then(function (cache) { return cache.match("/owner"); })
    .then(function (found) { return found ? found.text() : ""; });
}

function keep(request, response) {
  var mark = response.headers.get("jatinan-offline");
  if (!mark) return Promise.resolve();
  return owner().then(function (known) {
    if (mark === known) return;
    // Someone else signs in on this phone, or nobody: their pages are not for them, nor
    // the previous account's notices (its push service answers 410 next time, and the
    // server forgets the device).
    var unsubscribed = known && known !== "public" && self.registration.pushManager
      ? self.registration.pushManager.getSubscription().then(function (subscription) {
        return subscription && subscription.unsubscribe();
      }).catch(function () {})
      : Promise.resolve();
    return unsubscribed.then(function () { return caches.delete(PAGES); }).then(function () {
      return caches.open(OWNER);
    }).then(function (cache) { return cache.put("/owner", new Response(mark)); });
  }).then(function () {
    var stored = (response.headers.get("cache-control") || "").indexOf("no-store") >= 0;
    if (mark === "none" || stored || response.status !== 200 || response.type !== "basic") return;
    return caches.open(PAGES).then(function (cache) {
      return cache.put(request.url, response).then(function () { return cache.keys(); }).then(function (keys) {
        return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (old) {
          return cache.delete(old);
        }));
      }).then(function () {
        // The issue form is kept too, for the reader who first opens it without a signal.
        return cache.match(FORM).then(function (found) {
          if (found || new URL(request.url).pathname === FORM) return;
          var form = new Request(FORM, { credentials: "same-origin" });
          return fetch(form).then(function (answer) { return keep(form, answer); });
        });
      });
    });
  });
}

// A kept page, with the note that it is the phone's copy shown.
function copyOf(request) {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(request.url, { ignoreVary: true });
  }).then(function (found) {
    if (!found) return null;
    return found.text().then(function (html) {
      var headers = new Headers(found.headers);
      headers.delete("content-encoding");
      headers.delete("content-length");
      html = html.replace(/(<p id="offline-note"[^>]*?)\shidden(="[^"]*")?/, "$1");
      return new Response(html, { status: 200, headers: headers });
    });
  });
}

function page(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    event.waitUntil(keep(request, response.clone()).catch(function () {}));
    return response;
  }, function () {
    return copyOf(request).then(function (copy) {
      return copy || caches.match("/offline", { cacheName: SHELL, ignoreVary: true });
    }).then(function (answer) { return answer || Response.error(); });
  });
}

// The site's files: from the network while there is one (a new build's script and wasm
// must match its pages), else the copy.
function file(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.put(request, copy); }));
    }
    return response;
  }, function () {
    return caches.match(request, { cacheName: SHELL, ignoreVary: true }).then(function (copy) {
      return copy || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.indexOf("/pkg/") === 0 || url.pathname.indexOf("/icons/") === 0 || KEPT.indexOf(url.pathname) >= 0) {
    event.respondWith(file(event));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag !== "jatinan-outbox") return;
  event.waitUntil(self.JatinanOutbox.flush().then(function (results) {
    return self.clients.matchAll().then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ outbox: results }); });
      // Still no way through: the browser tries again later.
      if (results.some(function (result) { return result.state === "waiting"; })) throw new Error("menunggu sinyal");
    });
  }));
});

self.addEventListener("push", function (event) {
  var notice = {};
  try { notice = event.data ? event.data.json() : {}; } catch (error) { notice = { body: event.data.text() }; }
  event.waitUntil(self.registration.showNotification(notice.title || "Minggon Jatinan", {
    body: notice.body || "",
    tag: notice.tag,
    lang: notice.lang,
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: notice.url || "/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  // Only a page of this site.
  if (target.origin !== self.location.origin) target = new URL("/", self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === target.href && windows[i].focus) return windows[i].focus();
    }
    return self.clients.openWindow(target.href);
  }));
});
