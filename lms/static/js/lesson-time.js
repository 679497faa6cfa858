/* Time on task: while the lesson page is visible, tell the server every 30 seconds.
   The server measures the time itself (and caps it); this only says "still here".
   Settings come from the element with data-lesson-heartbeat (its URL) and data-csrf. */
(function () {
  "use strict";
  var el = document.querySelector("[data-lesson-heartbeat]");
  if (!el || !window.fetch || !window.FormData) { return; }
  var url = el.getAttribute("data-lesson-heartbeat");
  var token = el.getAttribute("data-csrf");
  var timer = null;

  function send(kind) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    data.append("kind", kind);
    fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true }).catch(function () {});
  }

  function start() {
    if (timer) { return; }
    send("start");
    timer = setInterval(function () {
      if (document.visibilityState === "visible") { send("beat"); }
    }, 30000);
  }

  function stop() {
    if (!timer) { return; }
    clearInterval(timer);
    timer = null;
    send("beat");  // count the time since the last beat before the page was hidden
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { start(); } else { stop(); }
  });
  if (document.visibilityState === "visible") { start(); }
})();
