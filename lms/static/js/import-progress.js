/* Learner import: poll the JSON status every two seconds, move the bar, reload when finished. */
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || box.getAttribute("data-finished")) { return; }
  var bar = document.getElementById("import-bar");
  var text = document.getElementById("import-status");
  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", box.getAttribute("data-status-url"));
    request.onload = function () {
      if (request.status !== 200) { setTimeout(poll, 5000); return; }
      var state = JSON.parse(request.responseText);
      if (bar) { bar.value = state.percent; bar.textContent = state.percent + "%"; }
      text.textContent = state.status_label + " — " + state.done + " / " + state.total + " (" + state.percent + "%)";
      if (state.finished) { window.location.reload(); } else { setTimeout(poll, 2000); }
    };
    request.onerror = function () { setTimeout(poll, 5000); };
    request.send();
  }
  poll();
})();
