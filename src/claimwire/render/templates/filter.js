// Filters from the URL hash (#status=corrected&claim_type=event): linkable, and works from file://.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var count = document.getElementById("filter-count");

  function wanted() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var values = {};
    selects.forEach(function (select) { values[select.name] = params.get(select.name) || ""; });
    return values;
  }

  function matches(item, values) {
    return selects.every(function (select) {
      var value = values[select.name];
      var have = (item.getAttribute("data-" + select.name) || "").split(" ");
      return !value || have.indexOf(value) >= 0;
    });
  }

  function apply() {
    var values = wanted();
    var shown = 0;
    selects.forEach(function (select) { select.value = values[select.name]; });
    items.forEach(function (item) {
      var keep = matches(item, values);
      item.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    // A paragraph whose sentences are all filtered out takes no room.
    Array.prototype.forEach.call(document.querySelectorAll("section.paragraph"), function (section) {
      section.hidden = !section.querySelector("[data-filter-item]:not([hidden])");
    });
    if (count) { count.textContent = shown + " of " + items.length; }
  }

  function update() {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) { params.set(select.name, select.value); } });
    history.replaceState(null, "", "#" + params.toString());
    apply();
  }

  selects.forEach(function (select) { select.addEventListener("change", update); });
  window.addEventListener("hashchange", apply);
  form.hidden = false;
  apply();
})();
