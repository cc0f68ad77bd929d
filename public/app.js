// Minggon Jatinan on the phone. Every page loads it, and every page works without it
// (forms post as they are). It:
// - installs the service worker (`/sw.js`), which keeps opened pages readable offline;
// - keeps what is typed into a form marked `data-draft` on the phone (IndexedDB), photos
//   included, and restores it after a reload or a crash;
// - shrinks each chosen photo to at most 1600 px and shows its size before sending;
// - sends such a form through an outbox under a client key (`client_key`), so that a form
//   sent without a signal waits ("menunggu sinyal") and goes out when the signal returns,
//   from this page, from the next page opened, or from the service worker (Background
//   Sync), and the server makes it once however many times it arrives;
// - on the issue form, reads the phone's location ("Lokasi saya") into the coordinates and
//   suggests the desa nearest a point located or typed;
// - on the notifications page, turns push notices on for this device: asks for permission,
//   subscribes with the site's key and posts the subscription as a plain form.
// The service worker imports this file for the outbox alone: there is no `document` there.
(function (self) {
  "use strict";
  var DRAFTS = "drafts";
  var OUTBOX = "outbox";
  var MAX_SIDE = 1600;
  var SMALL_ENOUGH = 500 * 1024;

  // IndexedDB, one short transaction at a time.
  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("jatinan", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(DRAFTS);
        request.result.createObjectStore(OUTBOX, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function store(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var drafts = {
    get: function (name) { return store(DRAFTS, "readonly", function (s) { return s.get(name); }); },
    put: function (name, draft) { return store(DRAFTS, "readwrite", function (s) { return s.put(draft, name); }); },
    drop: function (name) { return store(DRAFTS, "readwrite", function (s) { return s.delete(name); }); }
  };
  var outbox = {
    all: function () { return store(OUTBOX, "readonly", function (s) { return s.getAll(); }); },
    put: function (item) { return store(OUTBOX, "readwrite", function (s) { return s.put(item); }); },
    drop: function (key) { return store(OUTBOX, "readwrite", function (s) { return s.delete(key); }); }
  };

  // Sends one waiting form. Its state: `sent` (the server made it, or had made it under
  // this key, and led to `url`), `refused` (the server answered with the form and its
  // messages: it goes back into the form) or `waiting` (no signal, or the server is down).
  function send(item) {
    var body = new FormData();
    item.entries.forEach(function (entry) { body.append(entry[0], entry[1]); });
    var headers = { Accept: "text/html", "Jatinan-Outbox": "1" };
    return fetch(item.url, { method: "POST", body: body, credentials: "same-origin", headers: headers })
      .then(function (response) {
        if (response.status >= 500) return { item: item, state: "waiting" };
        // Made (now, or by an earlier sending under this key): 204 and where it is.
        var place = response.status === 204 && response.headers.get("jatinan-location");
        var state = place ? "sent" : "refused";
        var done = outbox.drop(item.key);
        if (state === "refused") {
          done = done.then(function () {
            return drafts.put(item.form, { entries: item.entries, refused: true });
          });
        }
        return done.then(function () { return { item: item, state: state, url: place || "" }; });
      }, function () {
        return { item: item, state: "waiting" };
      });
  }

  // Sends everything that waits, one after another; each context does it once at a time
  // (the page and the service worker may both try: the client key makes that harmless).
  var flushing = null;
  function flush() {
    if (!flushing) {
      flushing = outbox.all().then(function (items) {
        return items.reduce(function (done, item) {
          return done.then(function (results) {
            return send(item).then(function (result) { return results.concat([result]); });
          });
        }, Promise.resolve([]));
      }).then(function (results) {
        flushing = null;
        return results;
      }, function () {
        flushing = null;
        return [];
      });
    }
    return flushing;
  }

  self.JatinanOutbox = { flush: flush };
  if (typeof document === "undefined") return;

  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
  if (!self.indexedDB || !self.fetch || !self.FormData || !self.DataTransfer) return;

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-draft]"));

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function note(form, which, show) {
    var element = form.querySelector('[data-note="' + which + '"]');
    if (element) element.hidden = !show;
    return element;
  }

  function photoInput(form) { return form.querySelector('input[type="file"]'); }

  // What the form holds, as the outbox keeps it: names and values, files as files.
  function entries(form) {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (value instanceof File && !value.name && !value.size) return;
      list.push([name, value]);
    });
    return list;
  }

  // Something typed by the reader (a value the server echoed back counts too).
  function typed(form) {
    return Array.prototype.some.call(form.querySelectorAll("textarea, input:not([type]), input[type=text]"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function fill(form, draft) {
    var files = [];
    draft.entries.forEach(function (entry) {
      var name = entry[0], value = entry[1];
      if (value instanceof Blob) { files.push(value); return; }
      var fields = form.querySelectorAll('[name="' + name + '"]');
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === "hidden" || field.type === "file") return;
        if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === value;
        else field.value = value;
        if (field.tagName === "SELECT") field.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
    var input = photoInput(form);
    if (input && files.length) setFiles(form, input, files);
  }

  function setFiles(form, input, files) {
    var transfer = new DataTransfer();
    files.forEach(function (file) { transfer.items.add(file); });
    input.files = transfer.files;
    showSizes(form, files);
  }

  function size(bytes) {
    var lang = document.documentElement.lang || "id";
    if (bytes < 1024 * 1024) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 }) + " MB";
  }

  function showSizes(form, files) {
    var box = form.querySelector("[data-photo-sizes]");
    if (!box) return;
    var list = box.querySelector("ul");
    list.textContent = "";
    files.forEach(function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " · " + size(file.size);
      list.appendChild(item);
    });
    box.hidden = files.length === 0;
  }

  // A photo at most 1600 px on its longer side, as a JPEG; a small one stays as it is.
  function shrink(file) {
    if (!/^image\//.test(file.type) || !self.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size <= SMALL_ENOUGH) {
        bitmap.close();
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", 0.82);
      });
    }).catch(function () { return file; });
  }

  // How many of this form's sendings wait for a signal, and what went out meanwhile.
  function report(results) {
    return outbox.all().then(function (items) {
      forms.forEach(function (form) {
        var name = form.getAttribute("data-draft");
        var waiting = items.filter(function (item) { return item.form === name; }).length;
        var count = form.querySelector("[data-draft-count]");
        if (count) count.textContent = String(waiting);
        note(form, "waiting", waiting > 0);
        (results || []).forEach(function (result) {
          if (result.item.form !== name) return;
          if (result.state === "sent") {
            var link = note(form, "sent", true).querySelector("a");
            if (link && result.url) link.href = result.url;
          } else if (result.state === "refused" && !typed(form)) {
            drafts.get(name).then(function (draft) {
              if (draft) fill(form, draft);
              note(form, "refused", true);
            });
          }
        });
      });
    });
  }

  // Opens `url`; on this very page (a comment) loads it again, at the fragment.
  function go(url) {
    var target = new URL(url, location.href);
    if (target.pathname + target.search !== location.pathname + location.search) return location.assign(target.href);
    history.replaceState(null, "", target.href);
    location.reload();
  }

  function flushNow() {
    if (navigator.onLine === false) return;
    flush().then(report);
  }

  function askForSync() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register("jatinan-outbox");
    }).catch(function () {});
  }

  forms.forEach(function (form) {
    var name = form.getAttribute("data-draft");
    var key = form.querySelector('input[name="client_key"]');
    var input = photoInput(form);
    var shrinking = Promise.resolve();
    var saving = 0;

    function save() {
      clearTimeout(saving);
      saving = setTimeout(function () {
        shrinking.then(function () {
          var files = input ? Array.prototype.slice.call(input.files) : [];
          if (!typed(form) && !files.length) return drafts.drop(name);
          return drafts.put(name, { entries: entries(form) });
        });
      }, 300);
    }

    // A form the server sent back (refused, with what was typed) keeps its values.
    drafts.get(name).then(function (draft) {
      if (!draft || typed(form)) return;
      fill(form, draft);
      note(form, draft.refused ? "refused" : "restored", true);
    });

    form.addEventListener("input", save);
    form.addEventListener("change", function (event) {
      if (event.target !== input) return save();
      var chosen = Array.prototype.slice.call(input.files);
      shrinking = Promise.all(chosen.map(shrink)).then(function (files) {
        setFiles(form, input, files);
      });
      save();
    });

    var discard = form.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        drafts.drop(name);
        form.reset();
        showSizes(form, []);
        note(form, "restored", false);
        note(form, "refused", false);
      });
    }

    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-native")) return;
      event.preventDefault();
      clearTimeout(saving);
      shrinking.then(function () {
        if (!key.value) key.value = newKey();
        var item = { key: key.value, url: form.action || location.href, form: name, entries: entries(form), at: Date.now() };
        return outbox.put(item).then(function () { return drafts.drop(name); }).then(function () { return send(item); });
      }).then(function (result) {
        if (result.state === "sent") {
          go(result.url);
        } else if (result.state === "refused") {
          // The server's messages, as without JavaScript: post the same form plainly. What
          // was typed stays a draft, not one that waited.
          drafts.put(name, { entries: result.item.entries }).then(plain, plain);
        } else {
          form.reset();
          key.value = "";
          showSizes(form, []);
          note(form, "restored", false);
          askForSync();
          report([]);
        }
      }, plain);
      // Also when there is no IndexedDB after all (a private window that refuses it).
      function plain() {
        form.setAttribute("data-native", "");
        form.submit();
      }
    });
  });

  // The point of an issue: the phone's location, and the desa nearest it as a suggestion.
  var locate = document.querySelector("[data-near]");
  if (locate && self.fetch) {
    var point = locate.closest("fieldset");
    var latitude = point.querySelector('input[name="latitude"]');
    var longitude = point.querySelector('input[name="longitude"]');
    var placeNote = locate.querySelector("[data-place-note]");
    var locateButton = locate.querySelector("[data-locate]");
    locate.hidden = false;
    if (!navigator.geolocation) locateButton.hidden = true;
    var say = function (name) { placeNote.textContent = locate.getAttribute(name); };
    var choose = function (name, value) {
      var select = point.form.elements[name];
      if (!select) return;
      select.value = String(value);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    };
    var suggest = function () {
      var lat = latitude.value.trim().replace(",", "."), lon = longitude.value.trim().replace(",", ".");
      if (!lat || !lon) return;
      var query = "?latitude=" + encodeURIComponent(lat) + "&longitude=" + encodeURIComponent(lon);
      fetch(locate.getAttribute("data-near") + query, { headers: { accept: "application/json" } }).then(function (response) {
        if (!response.ok) return say("data-outside");
        return response.json().then(function (place) {
          if (!place) return say("data-none");
          choose("kecamatan", place.kecamatan_id);
          choose("desa", place.desa_id);
          placeNote.textContent = locate.getAttribute("data-suggested")
            .replace("{desa}", place.desa).replace("{kecamatan}", place.kecamatan);
        });
      }).catch(function () {});
    };
    latitude.addEventListener("change", suggest);
    longitude.addEventListener("change", suggest);
    locateButton.addEventListener("click", function () {
      say("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        latitude.value = position.coords.latitude.toFixed(5);
        longitude.value = position.coords.longitude.toFixed(5);
        latitude.dispatchEvent(new Event("input", { bubbles: true }));
        suggest();
      }, function () { say("data-failed"); }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });
  }

  // Push on this device: shown only where the browser can do it.
  var push = document.querySelector("[data-push-key]");
  if (push && navigator.serviceWorker && self.PushManager && self.Notification) {
    var needs = document.querySelector("[data-push-needs]");
    if (needs) needs.hidden = true;
    push.hidden = false;
    var pushForm = push.querySelector("form");
    var status = push.querySelector("[data-push-status]");
    pushForm.addEventListener("submit", function (event) {
      if (pushForm.elements.endpoint.value) return;
      event.preventDefault();
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") throw new Error(push.getAttribute("data-push-denied"));
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: bytes(push.getAttribute("data-push-key"))
        });
      }).then(function (subscription) {
        var keys = subscription.toJSON().keys || {};
        pushForm.elements.endpoint.value = subscription.endpoint;
        pushForm.elements.p256dh.value = keys.p256dh || "";
        pushForm.elements.auth.value = keys.auth || "";
        pushForm.elements.label.value = deviceName();
        pushForm.submit();
      }).catch(function (error) {
        var denied = push.getAttribute("data-push-denied");
        status.textContent = error && error.message === denied ? denied : push.getAttribute("data-push-failed");
      });
    });
  }

  // base64url to bytes (the key as the page carries it).
  function bytes(text) {
    var raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  // "Chrome · Android": what the person will recognise in their list of devices.
  function deviceName() {
    var agent = navigator.userAgent;
    var browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox"
      : /Chrome\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : "Browser";
    var system = /Android/.test(agent) ? "Android" : /iPhone|iPad/.test(agent) ? "iOS"
      : /Windows/.test(agent) ? "Windows" : /Mac OS/.test(agent) ? "macOS" : /Linux/.test(agent) ? "Linux" : "";
    return system ? browser + " · " + system : browser;
  }

  addEventListener("online", flushNow);
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.outbox) report(event.data.outbox);
    });
  }
  report([]);
  flushNow();
})(self);
