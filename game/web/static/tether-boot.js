// A classic script, so it runs even where the browser refuses the page's module (a page opened from
// a folder or USB stick, file://, in most browsers): then it says why instead of loading forever.
(function () {
  var FILE_WAIT_MS = 20000;
  function fail(reason) {
    if (document.body.dataset.ready) return;
    document.body.dataset.ready = "error";
    document.getElementById("error-text").textContent = reason;
    var sections = document.querySelectorAll(".screen");
    for (var i = 0; i < sections.length; i++) sections[i].hidden = sections[i].id !== "screen-error";
    document.body.dataset.phase = "error";
    var heading = document.getElementById("error-h");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  var fromFile = location.protocol === "file:";
  var why = fromFile ? "This page was opened straight from a file, and this browser does not let such a page load its parts. "
    : "The browser could not load the game's script. ";
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target.tagName === "SCRIPT") fail(why);
  }, true);
  // tether.js sets window.tetherTimings as soon as it runs; a slow Pyodide start is not a failure.
  if (fromFile) setTimeout(function () { if (!window.tetherTimings) fail(why); }, FILE_WAIT_MS);
})();
