/* Sandbox shop: live listing check. While the learner types, the edit form's fields (never the
   photo files) are posted to the check endpoint at most once per pause; the findings panel, the
   score and the HPP / suggested price line are redrawn from its JSON answer. Plain ES5, no library. */
(function () {
  "use strict";
  var form = document.getElementById("listing-form");
  var panel = document.getElementById("findings");
  if (!form || !panel || !window.XMLHttpRequest) { return; }
  var url = form.getAttribute("data-check-url");
  var list = panel.querySelector("[data-findings]");
  var score = panel.querySelector("[data-score]");
  var status = panel.querySelector("[data-findings-status]");
  var pricing = form.querySelector("[data-pricing]");
  var timer = null;
  var pending = null;
  var DELAY = 700;

  function fields() {
    var data = new FormData();
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.type === "file") {
        if (el.files && el.files.length) { data.append("pending_photos", String(el.files.length)); }
        continue;
      }
      if (!el.name || el.disabled || el.type === "submit") { continue; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { continue; }
      data.append(el.name, el.value);
    }
    return data;
  }

  function rupiah(n) {
    if (n === null || n === undefined) { return "–"; }
    var s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (n < 0 ? "-Rp" : "Rp") + s;
  }

  function text(el, value) { if (el) { el.textContent = value; } }

  function render(result) {
    text(score, String(result.score));
    list.innerHTML = "";
    for (var i = 0; i < result.findings.length; i++) {
      var f = result.findings[i];
      var li = document.createElement("li");
      li.className = "finding finding-" + f.severity;
      var label = document.createElement("strong");
      label.textContent = f.severity_label + ": ";
      li.appendChild(label);
      li.appendChild(document.createTextNode(f.message));
      if (f.url) {
        var a = document.createElement("a");
        a.href = f.url;
        a.textContent = panel.getAttribute("data-lesson-label") || "?";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(a);
      }
      list.appendChild(li);
    }
    text(status, result.blocked ? panel.getAttribute("data-text-blocked")
      : (result.findings.length ? panel.getAttribute("data-text-ok") : panel.getAttribute("data-text-clean")));
    if (pricing && result.pricing) {
      text(pricing.querySelector("[data-hpp]"), result.pricing.hpp ? rupiah(result.pricing.hpp) : "–");
      text(pricing.querySelector("[data-suggested]"), rupiah(result.pricing.suggested_price));
      text(pricing.querySelector("[data-margin]"), result.pricing.hpp ? rupiah(result.pricing.margin) : "–");
    }
  }

  function check() {
    if (pending) { pending.abort(); }
    var xhr = new XMLHttpRequest();
    pending = xhr;
    xhr.open("POST", url, true);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      if (pending === xhr) { pending = null; }
      if (xhr.status !== 200) { return; }  // signed out or offline: the server check on save still runs
      try { render(JSON.parse(xhr.responseText)); } catch (e) { /* leave the last result */ }
    };
    xhr.send(fields());
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, DELAY);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  check();
}());
