/* H5P.BekalTrueFalse 1.0: a true/false question in plain JavaScript (no jQuery use).
 * Answering emits the standard xAPI "answered" and "completed" statements with the score, through
 * H5P's EventDispatcher (triggerXAPIScored); the state (the chosen answer) resumes a later visit. */
var H5P = H5P || {};
H5P.BekalTrueFalse = (function (EventDispatcher) {
  "use strict";

  function BekalTrueFalse(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.l10n = this.params.l10n || {};
    var previous = (extras && extras.previousState) || {};
    this.answer = typeof previous.answer === "boolean" ? previous.answer : null;
  }
  BekalTrueFalse.prototype = Object.create(EventDispatcher.prototype);
  BekalTrueFalse.prototype.constructor = BekalTrueFalse;

  BekalTrueFalse.prototype.attach = function ($container) {
    var self = this;
    var root = $container && $container[0] ? $container[0] : $container;
    root.classList.add("bekal-tf");
    root.textContent = "";
    var question = document.createElement("p");
    question.className = "bekal-tf-question";
    question.textContent = this.params.question || "";
    root.appendChild(question);
    var buttons = document.createElement("div");
    buttons.className = "bekal-tf-buttons";
    root.appendChild(buttons);
    this.feedback = document.createElement("p");
    this.feedback.className = "bekal-tf-feedback";
    this.feedback.setAttribute("role", "status");
    this.buttons = [true, false].map(function (value) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = value ? (self.l10n.trueText || "True") : (self.l10n.falseText || "False");
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () { self.choose(value); });
      buttons.appendChild(button);
      return {value: value, element: button};
    });
    root.appendChild(this.feedback);
    if (this.answer !== null) this.show(this.answer);
  };

  BekalTrueFalse.prototype.getScore = function () {
    return this.answer !== null && this.answer === !!this.params.correct ? 1 : 0;
  };
  BekalTrueFalse.prototype.getMaxScore = function () { return 1; };
  BekalTrueFalse.prototype.getAnswerGiven = function () { return this.answer !== null; };
  BekalTrueFalse.prototype.getCurrentState = function () { return {answer: this.answer}; };
  BekalTrueFalse.prototype.resetTask = function () { this.answer = null; this.feedback.textContent = ""; };

  BekalTrueFalse.prototype.show = function (value) {
    var right = value === !!this.params.correct;
    this.buttons.forEach(function (b) { b.element.setAttribute("aria-pressed", String(b.value === value)); });
    this.feedback.textContent = right ? (this.l10n.correctText || "Correct!") : (this.l10n.wrongText || "Not quite.");
    this.feedback.className = "bekal-tf-feedback " + (right ? "ok" : "wrong");
  };

  BekalTrueFalse.prototype.choose = function (value) {
    this.answer = value;
    this.show(value);
    var score = this.getScore();
    this.triggerXAPIScored(score, 1, "answered", true, score === 1);
    this.triggerXAPIScored(score, 1, "completed", true, score === 1);
  };

  return BekalTrueFalse;
})(H5P.EventDispatcher);
