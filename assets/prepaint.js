// The first paint's one decision: which first paint fits what the app will
// open (src/shell/startup.rs decides the same way). An async script in the
// head, requested beside the stylesheet and a tenth of its size: it runs
// before the render-blocking stylesheet has arrived, so before the first
// paint, without holding the page up (a blocking script cost ~130 ms of
// first paint on Slow 4G; docs/performance.md).
//  - An embed (`embed` in the query) opens the player: no question, the
//    diagram over the whole frame under a thin bar (`pp-embed`; with its
//    panels below, `pp-panels`).
//  - A share link (`#s=`), saved work or a forced mode may open something
//    other than the lesson: the first paint shows no diagram rather than the
//    wrong one (`pp-other`).
// Without it (or without script) the first paint is the lesson's, as before.
(function () {
  var root = document.documentElement;
  var fragment = location.hash.replace(/^#/, "");
  var parts = location.search.replace(/^\?/, "").split("&").concat(fragment.split("&"));
  function given(name) {
    return parts.some(function (p) { return p === name || p.indexOf(name + "=") === 0; });
  }
  function saved() {
    try { return window.localStorage.getItem("kurir.autosave.v1") !== null; } catch (e) { return false; }
  }
  var link = fragment.indexOf("s=") === 0;
  var embed = given("embed");
  if (embed) {
    root.classList.add("pp-embed");
    if (given("panels")) root.classList.add("pp-panels");
  }
  // Embeds never read the autosave.
  if (link || given("mode") || (!embed && saved())) root.classList.add("pp-other");
})();
