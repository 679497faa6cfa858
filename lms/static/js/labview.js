/* Officer's live lab view: refreshes the table every 5 seconds without reloading the page. */
(function () {
  "use strict";
  var table = document.getElementById("lab-live");
  if (!table) { return; }
  var url = table.getAttribute("data-url");
  var tbody = table.tBodies[0];
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var state = document.querySelector("[data-lab-state]");
  var updated = document.querySelector("[data-lab-updated]");

  function label(name) { return table.getAttribute("data-label-" + name) || ""; }

  function cell(row, text, muted) {
    var td = document.createElement("td");
    if (muted) {
      var span = document.createElement("span");
      span.className = "muted";
      span.textContent = text;
      td.appendChild(span);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
    return td;
  }

  function render(data) {
    state.textContent = data.lab_open ? label("open") : label("closed");
    updated.textContent = data.updated;
    var rows = document.createDocumentFragment();
    data.sessions.forEach(function (s) {
      var tr = document.createElement("tr");
      cell(tr, s.learner + " (" + s.registration_number + ")");
      if (s.terminal) { cell(tr, s.terminal + (s.location ? " · " + s.location : "")); }
      else { cell(tr, label("no-terminal"), true); }
      cell(tr, s.page_title || s.page_path);
      cell(tr, s.idle).className = "nowrap";
      cell(tr, s.started);
      var td = cell(tr, "");
      var form = document.createElement("form");
      form.method = "post";
      form.action = s.end_url;
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "csrfmiddlewaretoken";
      hidden.value = token ? token.value : "";
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "btn";
      button.textContent = label("end");
      form.appendChild(hidden);
      form.appendChild(button);
      td.appendChild(form);
      rows.appendChild(tr);
    });
    if (!data.sessions.length) {
      var empty = document.createElement("tr");
      cell(empty, label("none")).colSpan = 6;
      rows.appendChild(empty);
    }
    // Keep keyboard focus where it was when the table is rebuilt.
    if (!tbody.contains(document.activeElement)) {
      tbody.replaceChildren(rows);
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  poll();
})();
