/* 读给我听: reads a work aloud (title, summary, body) with the browser's speech synthesis.
   The button is rendered hidden and shown only here: no dead button without speech. */
(function () {
  var box = document.querySelector(".read-aloud");
  var synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) return;
  var button = box.querySelector("button");
  var startLabel = button.textContent;
  var mongolian = /^mn/i.test(document.documentElement.lang);
  var lang = mongolian ? "mn" : "zh-CN";
  var run = 0, speaking = false; // run: an older reading's late events leave a newer one alone

  function voice() {
    var voices = synth.getVoices(), near;
    for (var i = 0; i < voices.length; i++) {
      var code = voices[i].lang.replace("_", "-").toLowerCase();
      if (code === lang.toLowerCase()) return voices[i];
      if (!near && code.split("-")[0] === lang.slice(0, 2)) near = voices[i];
    }
    return near;
  }
  // Chinese reads with the default voice when none is listed; Mongolian only with a Mongolian one.
  function offer() { if (!mongolian || voice()) box.hidden = false; }
  offer();
  if (mongolian) synth.onvoiceschanged = offer;

  // Sentence by sentence: some engines stop after about 200 characters of one utterance.
  function sentences(text, out) {
    (text.replace(/\s+/g, " ").match(/[^。！？!?；᠃]+[。！？!?；᠃”’」）]*/g) || []).forEach(function (s) {
      s = s.trim();
      while (s.length > 120) {
        var cut = Math.max(s.lastIndexOf("，", 120), s.lastIndexOf("᠂", 120));
        cut = cut > 20 ? cut + 1 : 120;
        out.push(s.slice(0, cut));
        s = s.slice(cut).trim();
      }
      if (s) out.push(s);
    });
  }
  function chunks() {
    var out = [], scope = box.closest("article") || document;
    scope.querySelectorAll("h1, .lead, .block-heading, .block-paragraph, .block-fact, .block-qa, .block-quote blockquote, .transcript").forEach(function (block) {
      var leaves = block.querySelectorAll("p, li, h2, h3, h4, summary");
      if (!leaves.length) return sentences(block.textContent, out);
      leaves.forEach(function (el) { if (!el.querySelector("p, li")) sentences(el.textContent, out); });
    });
    return out;
  }

  function show(on) {
    speaking = on;
    button.textContent = on ? box.getAttribute("data-stop") : startLabel;
  }
  function read() {
    synth.cancel();
    var id = ++run, list = chunks(), v = voice();
    list.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = v ? v.lang : lang;
      if (v) u.voice = v;
      u.rate = 0.9; // a little slower, for older listeners
      u.onerror = function () { if (id === run) show(false); };
      if (i === list.length - 1) u.onend = u.onerror;
      synth.speak(u);
    });
    show(true);
  }
  button.addEventListener("click", function () {
    if (!speaking) return read();
    run++;
    synth.cancel();
    show(false);
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
