/* Learner idle timeout: a visible countdown in the last minutes, sign-out at zero.
   Keys, mouse and touch reset the timer and ping the server at most once a minute
   (at once while the warning shows). Settings come from data attributes on <body>. */
(function () {
  "use strict";
  var body = document.body;
  var total = parseInt(body.getAttribute("data-idle-seconds"), 10);
  // Warn in the last two minutes, or the last half of a very short timeout.
  var warnAt = Math.min(parseInt(body.getAttribute("data-idle-warn") || "120", 10), Math.floor(total / 2));
  var heartbeatUrl = body.getAttribute("data-heartbeat-url");
  var box = document.getElementById("idle-warning");
  if (!total || !box) { return; }
  var countdown = box.querySelector("[data-idle-countdown]");
  var form = box.querySelector("form[data-idle-form]");
  var stay = box.querySelector("[data-idle-stay]");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var lastActivity = Date.now();
  var lastPing = Date.now();
  var done = false;

  function ping() {
    lastPing = Date.now();
    var data = new FormData();
    data.append("csrfmiddlewaretoken", tokenInput.value);
    data.append("path", location.pathname + location.search);
    data.append("title", document.title.replace(/\s*·\s*Bekal$/, ""));
    fetch(heartbeatUrl, { method: "POST", body: data, credentials: "same-origin" }).then(function (r) {
      if (r.status === 401) { location.href = form.getAttribute("action"); }
    }).catch(function () {});
  }

  function activity() {
    if (done) { return; }
    var warning = !box.hidden;
    lastActivity = Date.now();
    if (warning) { box.hidden = true; }
    if (warning || Date.now() - lastPing > 60000) { ping(); }
  }

  function tick() {
    if (done) { return; }
    var left = Math.max(0, Math.round(total - (Date.now() - lastActivity) / 1000));
    if (left <= 0) {
      done = true;
      form.submit();
      return;
    }
    if (left <= warnAt) {
      var m = Math.floor(left / 60), s = left % 60;
      countdown.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      box.hidden = false;
    } else if (!box.hidden) {
      box.hidden = true;
    }
  }

  ["keydown", "mousedown", "mousemove", "touchstart", "wheel", "scroll"].forEach(function (name) {
    window.addEventListener(name, activity, { passive: true });
  });
  if (stay) { stay.addEventListener("click", activity); }
  // The title of the page is reported once it has loaded, so the officer's live view can show it.
  ping();
  setInterval(tick, 1000);
})();
