/* Certificates for a cohort: while renders are pending, poll the status and move the progress bars. */
(function () {
  "use strict";
  var table = document.getElementById("cohort-progress");
  if (!table || !window.fetch) { return; }
  var url = table.getAttribute("data-status-url");
  var template = table.querySelector(".js-progress-text");
  var pattern = template ? template.textContent : "";

  function update(data) {
    data.courses.forEach(function (row) {
      var tr = table.querySelector('tr[data-course="' + row.course + '"]');
      if (!tr) { return; }
      var bar = tr.querySelector(".js-progress");
      bar.max = Math.max(row.issued, 1);
      bar.value = row.ready;
      tr.querySelector(".js-issued").textContent = row.issued;
      var text = tr.querySelector(".js-progress-text");
      var numbers = text.textContent.match(/\d+/g);
      if (numbers && numbers.length >= 2) {
        var i = 0;
        text.textContent = text.textContent.replace(/\d+/g, function () { i += 1; return i === 1 ? row.ready : row.issued; });
      }
    });
    return data.busy;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && update(data)) { window.setTimeout(poll, 1500); }
        else if (data && pattern) { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  var busy = Array.prototype.some.call(table.querySelectorAll(".js-progress"), function (bar) {
    return Number(bar.value) < Number(bar.max) && Number(bar.max) > 0 && bar.closest("tr").querySelector(".js-issued").textContent !== "0";
  });
  if (busy) { window.setTimeout(poll, 1000); }
})();
