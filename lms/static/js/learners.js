/* Learner list: "select all" box, and the whole-cohort button ignores single ticks. No framework. */
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      var boxes = document.querySelectorAll('input[name="' + all.getAttribute("data-select-all") + '"]');
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = all.checked; }
    });
  }
  var clearers = document.querySelectorAll("[data-clear]");
  for (var j = 0; j < clearers.length; j++) {
    clearers[j].addEventListener("click", function (event) {
      var boxes = document.querySelectorAll('input[name="' + event.currentTarget.getAttribute("data-clear") + '"]');
      for (var k = 0; k < boxes.length; k++) { boxes[k].checked = false; }
    });
  }
})();
