// The search page: suggestions as one types (fills the box's <datalist> from /search/suggest/),
// and on a wide screen opens the facets. Without it the page works the same, less conveniently.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (!text || text === last || text.length > 50) return;
      last = text;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) {
          if (input.value.trim() !== text) return;
          list.replaceChildren.apply(list, items.map(function (item) {
            var option = document.createElement("option");
            option.value = item;
            return option;
          }));
        })
        .catch(function () {});
    }, 200);
  });
})();

// On a wide screen the facets have room: open them (on a phone they stay folded above the hits).
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 52rem)").matches) return;
  document.querySelectorAll("details.facet").forEach(function (facet) { facet.open = true; });
})();
