// Minggon Jatinan, the live hour: takes the Server-Sent Events of this session and puts
// each new panel in place, and keeps the item's clock running between them. The page
// works without it (it reloads itself every 20 seconds with JavaScript off).
(function () {
  "use strict";
  var script = document.currentScript;
  var source = script && script.getAttribute("data-events");
  if (!source || !window.EventSource) return;
  var offset = 0;

  function panel() { return document.getElementById("live-panel"); }

  // The server's clock, not the phone's: the panel says what time it was rendered.
  function sync() {
    var p = panel();
    var now = p && Date.parse(p.getAttribute("data-now"));
    if (now) offset = now - Date.now();
  }

  function clock(s) {
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, x = s % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (x < 10 ? "0" : "") + x;
  }

  function tick() {
    var timers = document.querySelectorAll(".live-timer[data-running-from]");
    for (var i = 0; i < timers.length; i++) {
      var el = timers[i];
      var from = Date.parse(el.getAttribute("data-running-from"));
      if (!from) continue;
      var s = Math.max(0, Math.floor((Date.now() + offset - from) / 1000));
      el.textContent = clock(s);
      var over = s > Number(el.getAttribute("data-box")) * 60;
      var line = el.parentNode;
      line.classList.toggle("live-over", over);
      var label = line.querySelector(".live-over-label");
      if (label) label.hidden = !over;
    }
  }

  function connect() {
    var events = new EventSource(source);
    events.addEventListener("state", function (e) {
      var holder = document.createElement("div");
      holder.innerHTML = e.data;
      var fresh = holder.firstElementChild;
      var old = panel();
      if (fresh && old) {
        old.replaceWith(fresh);
        sync();
        tick();
        // A poll opened or closed: the answer form beside the panel is out of date.
        var form = document.getElementById("poll");
        if (form && form.getAttribute("data-poll") !== fresh.getAttribute("data-poll")) location.reload();
      }
    });
    // A refused stream (the server is full) is not retried by the browser: try again later.
    events.addEventListener("error", function () {
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 10000 + Math.random() * 10000);
    });
  }

  // What was typed into the console's other forms while one was being sent is kept when the
  // console is put in place (fields are matched by id).
  function changed(field) {
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].selected !== field.options[i].defaultSelected) return true;
      }
      return false;
    }
    return field.value !== field.defaultValue;
  }
  function keepTyped(old, fresh, sent) {
    var fields = old.querySelectorAll("input[id], textarea[id], select[id]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (sent.contains(field) || field.type === "hidden" || !changed(field)) continue;
      var twin = fresh.querySelector("#" + CSS.escape(field.id));
      if (!twin) continue;
      if (field.type === "checkbox" || field.type === "radio") twin.checked = field.checked;
      else twin.value = field.value;
    }
  }

  // The console: each form is sent in the background and the console put in place, so the
  // page neither reloads nor loses its place. Without this the forms post as usual.
  if (window.fetch && window.DOMParser && window.URLSearchParams) {
    document.addEventListener("submit", function (e) {
      var form = e.target;
      var desk = form && form.closest && form.closest(".console");
      if (!desk || form.method.toLowerCase() !== "post" || form.enctype === "multipart/form-data") return;
      e.preventDefault();
      desk.setAttribute("aria-busy", "true");
      var sent = fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "text/html" },
        credentials: "same-origin",
      });
      sent
        .then(function (r) {
          return r.text().then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".console");
            var old = document.querySelector(".console");
            if (!fresh || !old) { location.href = r.url; return; }
            var focused = document.activeElement && document.activeElement.id;
            keepTyped(old, fresh, form);
            old.replaceWith(fresh);
            var again = focused && document.getElementById(focused);
            if (again) again.focus();
            sync();
            tick();
          });
        })
        // Whether the step was taken is unknown: show what the server has.
        .catch(function () { location.reload(); });
    });
  }

  sync();
  tick();
  setInterval(tick, 1000);
  connect();
})();
