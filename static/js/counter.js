/* Live character counters: every textarea or input with data-limit gets a polite live region telling how many
   characters are used of the limit. Without JavaScript the limit is still printed in the field's help text, and
   the server enforces it either way. */
(function () {
  "use strict";
  var counted = 0;

  /* the wording comes translated from the server, on the field (data-counter, data-counter-over) */
  function text(field, used, limit) {
    var template = used > limit
      ? (field.dataset.counterOver || "%(used)s of %(limit)s characters: %(over)s too many")
      : (field.dataset.counter || "%(used)s of %(limit)s characters");
    return template
      .replace("%(used)s", used)
      .replace("%(limit)s", limit)
      .replace("%(over)s", used - limit);
  }

  function attach(field) {
    if (field.dataset.counterReady) return;
    var limit = parseInt(field.dataset.limit, 10);
    if (!limit) return;
    field.dataset.counterReady = "true";
    counted += 1;
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = (field.id || "field-" + counted) + "-counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var timer = null;
    function update() {
      var used = field.value.length;
      counter.textContent = text(field, used, limit);
      counter.classList.toggle("char-counter-over", used > limit);
    }
    field.addEventListener("input", function () {
      /* a short pause before announcing, so a screen reader is not interrupted at every key */
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300);
    });
    update();
  }

  function attachAll(scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll("textarea[data-limit], input[data-limit]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { attachAll(); });
  } else {
    attachAll();
  }
  document.addEventListener("htmx:afterSwap", function (event) { attachAll(event.target); });
})();
