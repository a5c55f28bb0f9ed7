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
    button.className = "button--secondary";
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

// A small formatting bar above the body: each button wraps the selected text in the one tag the
// page allows for it (the server keeps exactly those tags and drops everything else).
(function () {
  "use strict";
  var body = document.getElementById("id_body");
  if (!body) {
    return;
  }
  function wrap(open, close, block) {
    var start = body.selectionStart || 0;
    var end = body.selectionEnd || start;
    var before = body.value.slice(0, start);
    var text = body.value.slice(start, end) || "文字";
    var lead = block && before && !before.endsWith("\n") ? "\n" : "";
    var tail = block ? "\n" : "";
    var inserted = lead + open + text + close + tail;
    body.value = before + inserted + body.value.slice(end);
    body.focus();
    body.selectionStart = start + lead.length + open.length;
    body.selectionEnd = body.selectionStart + text.length;
  }
  var tools = [
    ["小标题", function () { wrap("<h2>", "</h2>", true); }],
    ["加粗", function () { wrap("<b>", "</b>", false); }],
    ["斜体", function () { wrap("<i>", "</i>", false); }],
    ["列表", function () {
      var start = body.selectionStart || 0;
      var end = body.selectionEnd || start;
      var lines = (body.value.slice(start, end) || "第一条\n第二条").split("\n").filter(Boolean);
      var items = lines.map(function (line) { return "<li>" + line + "</li>"; }).join("\n");
      var before = body.value.slice(0, start);
      var list = (before && !before.endsWith("\n") ? "\n" : "") + "<ul>\n" + items + "\n</ul>\n";
      body.value = before + list + body.value.slice(end);
      body.focus();
    }],
    ["链接", function () {
      var url = window.prompt("链接地址(以 https:// 开头)", "https://");
      if (url && /^https?:\/\/\S+$/.test(url)) {
        wrap('<a href="' + url.replace(/"/g, "%22") + '">', "</a>", false);
      }
    }],
    ["引文", function () { wrap("<blockquote>", "</blockquote>", true); }],
  ];
  var bar = document.createElement("p");
  bar.className = "format-bar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "正文格式");
  tools.forEach(function (tool) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button--secondary";
    button.textContent = tool[0];
    button.addEventListener("click", tool[1]);
    bar.appendChild(button);
  });
  body.insertAdjacentElement("beforebegin", bar);
})();
