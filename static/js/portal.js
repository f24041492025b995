/* Interact Portal — the little the pages do with JavaScript. Everything here is an improvement: without it the
   navigation is shown in full and the search filters are open. Loaded in <head> without `defer` so the `js` class
   is on <html> before the first paint (no flash of the open menu); the rest waits for the document. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var narrow = window.matchMedia("(max-width: 72rem)");
  var searchNarrow = window.matchMedia("(max-width: 47.5rem)");

  /* The menu button on small screens: shows and hides the navigation, Escape closes it. */
  function setMenu(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) menu.classList.toggle("is-open", open);
  }

  /* The filter disclosure of the project search: open on a wide screen, closed on a phone until asked for. */
  var filtersWanted = false;
  function setUpFilters(scope) {
    var disclosures = (scope || document).querySelectorAll("details.filter-disclosure");
    Array.prototype.forEach.call(disclosures, function (details) {
      if (details.dataset.ready) return;
      details.open = searchNarrow.matches ? filtersWanted : true;
      details.dataset.ready = "true";
      details.addEventListener("toggle", function () {
        if (searchNarrow.matches) filtersWanted = details.open;
      });
    });
  }
  searchNarrow.addEventListener("change", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.filter-disclosure"), function (details) {
      details.open = searchNarrow.matches ? filtersWanted : true;
    });
  });

  function closeMenus(except) {
    Array.prototype.forEach.call(document.querySelectorAll("details.person-menu[open]"), function (details) {
      if (details !== except) details.open = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".menu-button"), function (button) {
      button.addEventListener("click", function () {
        setMenu(button, button.getAttribute("aria-expanded") !== "true");
      });
    });
    narrow.addEventListener("change", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".menu-button"), function (button) {
        setMenu(button, false);
      });
    });
    setUpFilters(document);
  });

  /* The error summary (GOV.UK pattern): focused on load so it is read first; each link focuses its field and
     brings the field's label into view with it. */
  function setUpErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (!link) return;
      var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) return;
      event.preventDefault();
      var label = field.id ? document.querySelector("label[for='" + field.id + "']") : null;
      var legend = field.closest ? field.closest("fieldset") : null;
      (legend || label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  /* A warning before leaving a form marked data-warn-unsaved that changed since the page loaded; submitting it
     is not leaving. */
  var unsaved = [];
  var submitting = false;
  function formState(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === "submit" || element.type === "button") return;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) return;
      if (element.type === "file") {
        parts.push(element.name + "=" + Array.prototype.map.call(element.files, function (f) { return f.name; }));
        return;
      }
      if (element.multiple && element.options) {
        Array.prototype.forEach.call(element.selectedOptions, function (option) {
          parts.push(element.name + "=" + option.value);
        });
        return;
      }
      parts.push(element.name + "=" + element.value);
    });
    return parts.join("&");
  }
  function setUpUnsavedWarning(scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll("form[data-warn-unsaved]"), function (form) {
      if (form.dataset.warnReady) return;
      form.dataset.warnReady = "true";
      unsaved.push({ form: form, state: formState(form) });
      form.addEventListener("submit", function () {
        submitting = true;
      });
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    var changed = unsaved.some(function (entry) {
      return document.body.contains(entry.form) && formState(entry.form) !== entry.state;
    });
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";
  });
  window.addEventListener("pageshow", function () {
    submitting = false;
  });
  /* A form saved by htmx stays on the page: what it holds now is the saved state. */
  document.addEventListener("htmx:afterRequest", function (event) {
    submitting = false;
    if (!event.detail.successful) return;
    unsaved.forEach(function (entry) {
      if (entry.form === event.detail.elt || entry.form.contains(event.detail.elt)) entry.state = formState(entry.form);
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    setUpErrorSummary();
    setUpUnsavedWarning(document);
  });

  /* htmx swaps in new search results: their filter disclosure keeps the visitor's choice. */
  document.addEventListener("htmx:load", function (event) {
    setUpFilters(event.target.parentNode || document);
    setUpUnsavedWarning(event.target.parentNode || document);
  });

  /* Escape closes the innermost open menu and returns the focus to what opened it. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var details = document.querySelector("details.person-menu[open]");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
      event.preventDefault();
      return;
    }
    var button = document.querySelector('.menu-button[aria-expanded="true"]');
    if (button) {
      setMenu(button, false);
      button.focus();
      event.preventDefault();
    }
  });

  /* A click elsewhere closes the person menu. */
  document.addEventListener("click", function (event) {
    var inside = event.target.closest ? event.target.closest("details.person-menu") : null;
    closeMenus(inside);
  });
})();
