// Creator work form, progressive enhancement only (the form works without it): a button beside
// each picture and the video that writes its placeholder line, such as [图2], into the body at
// the cursor.
(function () {
  "use strict";
  var body = document.getElementById("id_body");
  if (!body) {
    return;
  }
  document.querySelectorAll("[data-placeholder]").forEach(function (box) {
    var placeholder = box.getAttribute("data-placeholder");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "filters__reset";
    button.textContent = "在正文光标处插入 " + placeholder;
    button.addEventListener("click", function () {
      var start = body.selectionStart || 0;
      var end = body.selectionEnd || start;
      var before = body.value.slice(0, start);
      var line = (before && !before.endsWith("\n") ? "\n" : "") + placeholder + "\n";
      body.value = before + line + body.value.slice(end);
      body.focus();
      body.selectionStart = body.selectionEnd = start + line.length;
    });
    var legend = box.querySelector("legend");
    var holder = document.createElement("p");
    holder.appendChild(button);
    legend.insertAdjacentElement("afterend", holder);
  });
})();
