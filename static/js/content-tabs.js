/* Language tabs for translated texts (issue 20), in the admin and on the staff pages. Each text field has a row per
   language its programme declares, its input marked data-content-field / data-content-language by the form
   (interact_portal/core/content_languages.py). The rows of one field become tab panels under a tablist (WAI-ARIA
   tabs: arrow keys, Home and End move between languages). Without JavaScript every language's row is shown. A tab
   whose language has no text yet says so; a tab whose field has an error is chosen first. Rows in a table (tabular
   inlines) stay columns. */
(function () {
  "use strict";
  var counter = 0;

  function rowOf(input) {
    if (input.closest("td")) return null;
    return input.closest(".form-row, div.field");
  }

  function isEmpty(input) {
    return !input.value || !input.value.trim();
  }

  function select(tabs, index, focus) {
    tabs.forEach(function (tab, i) {
      var chosen = i === index;
      tab.setAttribute("aria-selected", chosen ? "true" : "false");
      tab.tabIndex = chosen ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !chosen;
    });
    if (focus) tabs[index].focus();
  }

  function build(group) {
    var list = document.createElement("div");
    list.className = "content-tabs";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", group.label);
    var tabs = [];
    var first = 0;
    group.rows.forEach(function (entry, i) {
      counter += 1;
      var panelId = entry.row.id || "content-panel-" + counter;
      entry.row.id = panelId;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "content-tab-" + counter;
      tab.className = "content-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panelId);
      tab.setAttribute("lang", entry.input.dataset.contentLanguage);
      tab.textContent = entry.input.dataset.contentLanguageName;
      if (isEmpty(entry.input)) {
        tab.classList.add("is-empty");
        var mark = document.createElement("span");
        mark.className = "content-tab-empty";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = " ○";
        tab.appendChild(mark);
      }
      entry.row.setAttribute("role", "tabpanel");
      entry.row.setAttribute("aria-labelledby", tab.id);
      entry.row.classList.add("content-panel");
      if (!first && entry.row.querySelector(".errorlist, .error, [aria-invalid=true]")) first = i;
      entry.input.addEventListener("input", function () {
        tab.classList.toggle("is-empty", isEmpty(entry.input));
      });
      tab.addEventListener("click", function () {
        select(tabs, i, false);
      });
      tabs.push(tab);
      list.appendChild(tab);
    });
    list.addEventListener("keydown", function (event) {
      var current = tabs.indexOf(document.activeElement);
      if (current < 0) return;
      var next = {ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1}[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs, (next + tabs.length) % tabs.length, true);
    });
    group.rows[0].row.parentNode.insertBefore(list, group.rows[0].row);
    select(tabs, first, false);
  }

  function setUp(scope) {
    var groups = [];
    var byKey = {};
    Array.prototype.forEach.call((scope || document).querySelectorAll("[data-content-field]"), function (input) {
      var row = rowOf(input);
      if (!row || row.dataset.contentTabs) return;
      row.dataset.contentTabs = "true";
      var key = (input.form ? input.form.id || "form" : "") + "|" + input.name.replace(/_[a-z]{2}$/, "");
      if (!byKey[key]) {
        var label = row.querySelector("label");
        byKey[key] = {rows: [], label: label ? label.textContent.replace(/\s*\(.*\)\s*:?\s*$/, "") : ""};
        groups.push(byKey[key]);
      }
      byKey[key].rows.push({row: row, input: input});
    });
    groups.forEach(function (group) {
      if (group.rows.length > 1) build(group);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setUp(); });
  else setUp();
})();
