// The region picker, progressive enhancement only (without it the grouped checkboxes work as they
// are): a filter box above the leagues, and a line naming what is chosen so far, since the chosen
// boxes may be far down the list or hidden by the filter.
(function () {
  "use strict";
  document.querySelectorAll("[data-region-picker]").forEach(function (picker) {
    var leagues = Array.prototype.slice.call(picker.querySelectorAll("fieldset"));
    var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));

    var tools = document.createElement("div");
    tools.className = "region-picker__tools";
    var label = document.createElement("label");
    label.className = "region-picker__filter";
    label.textContent = "筛选地区";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "如 鄂尔多斯、阿荣旗";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", picker.id);
    label.appendChild(input);
    var chosen = document.createElement("p");
    chosen.className = "region-picker__chosen";
    chosen.setAttribute("aria-live", "polite");
    var empty = document.createElement("p");
    empty.className = "region-picker__empty";
    empty.textContent = "没有找到这个地区。";
    empty.hidden = true;
    tools.appendChild(label);
    tools.appendChild(chosen);
    picker.insertAdjacentElement("beforebegin", tools);
    picker.appendChild(empty);

    function leagueName(fieldset) {
      return fieldset.querySelector("legend").textContent.trim();
    }

    function showChosen() {
      var names = boxes.filter(function (box) { return box.checked; }).map(function (box) {
        var name = box.parentNode.textContent.trim();
        var league = leagueName(box.closest("fieldset"));
        return name === "全市" || name === "全盟" ? league + "（" + name + "）" : name;
      });
      chosen.textContent = names.length ? "已选：" + names.join("、") : "尚未选择地区。";
    }

    function filter() {
      var query = input.value.replace(/\s+/g, "");
      var shown = 0;
      leagues.forEach(function (fieldset) {
        var leagueMatches = !query || leagueName(fieldset).indexOf(query) !== -1;
        var any = false;
        fieldset.querySelectorAll("li").forEach(function (item) {
          var match = leagueMatches || item.textContent.indexOf(query) !== -1;
          item.hidden = !match;
          any = any || match;
        });
        fieldset.hidden = !any;
        shown += any ? 1 : 0;
      });
      empty.hidden = shown > 0;
    }

    input.addEventListener("input", filter);
    // Enter in the filter box must not submit the whole work form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    picker.addEventListener("change", showChosen);
    showChosen();
  });
})();
