/* Lesson page side of H5P activities: embed the player from the content origin in a sandboxed iframe,
 * and pass its xAPI statements (checked for origin and source) to the server with the attempt token.
 * Viewing starts no attempt: the learner's open one is reused, or the first statement starts one
 * (statements are sent one after another, so a burst starts only one). Answering again after the
 * attempt was completed (a top-level answered/interacted/attempted statement) is a replay: a new one. */
(function () {
  "use strict";
  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,  // a statement sent just before the learner leaves still arrives
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify(body || {})
    }).then(function (r) { return r.json(); });
  }
  function setUp(section) {
    if (section.dataset.h5pStarted) return;
    section.dataset.h5pStarted = "1";
    var csrf = section.querySelector("input[name=csrfmiddlewaretoken]").value;
    var status = section.querySelector(".h5p-status");
    var origin = section.dataset.h5pOrigin;
    var english = (document.documentElement.lang || "").indexOf("en") === 0;
    post(section.dataset.h5pStart, csrf).then(function (data) {
      if (!data.ok) { status.textContent = data.message || section.dataset.h5pError; return; }
      var attempt = data.attempt;
      var preview = !!data.preview;  // an officer: plays, records nothing
      var queue = Promise.resolve();
      function begin() {
        if (attempt) return Promise.resolve(attempt);
        return post(section.dataset.h5pStart, csrf, {begin: true}).then(function (reply) {
          if (!reply.ok) throw new Error(reply.message || section.dataset.h5pError);
          attempt = reply.attempt;
          return attempt;
        });
      }
      var finished = false;  // the attempt in hand was completed: answering again is a replay
      function replays(statement) {
        var context = statement.context || {};
        var parent = (context.contextActivities || {}).parent;
        var verb = ((statement.verb || {}).id || "").split("/").pop();
        return !(parent && parent.length) && ["answered", "interacted", "attempted"].indexOf(verb) !== -1;
      }
      function record(statement) {
        queue = queue.then(function () {
          if (finished && replays(statement)) { attempt = null; finished = false; }
          return begin();
        }).then(function (token) {
          if (!token) return;
          return post(section.dataset.h5pStatements, csrf, {attempt: token, statement: statement})
            .then(function (reply) {
              if (reply.message) status.textContent = reply.message;
              if (reply.completed) { section.dataset.h5pCompleted = "1"; finished = true; }
            });
        }).catch(function (error) { status.textContent = error.message || section.dataset.h5pError; });
      }
      var frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin");
      frame.setAttribute("title", section.dataset.h5pTitle);
      frame.className = "h5p-frame";
      frame.style.width = "100%";
      frame.style.minHeight = "240px";
      frame.style.border = "0";
      frame.src = data.player;
      section.appendChild(frame);
      window.addEventListener("message", function (event) {
        if (event.origin !== origin || event.source !== frame.contentWindow) return;
        var message = event.data || {};
        if (message.type === "bekal-h5p-height" && message.height > 0) {
          frame.style.height = Math.min(message.height + 20, 4000) + "px";
        } else if (message.type === "bekal-h5p-xapi" && !preview) {
          record(message.statement);
        } else if (message.type === "bekal-h5p-state") {
          if (message.saved) {
            section.dataset.h5pSaved = String(Number(section.dataset.h5pSaved || 0) + 1);
          } else {
            status.textContent = (english && message.message_en) || message.message || section.dataset.h5pError;
          }
        }
      });
    }).catch(function () { status.textContent = section.dataset.h5pError; });
  }
  function init() { document.querySelectorAll("section.h5p-activity").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
