// Drom's progressive enhancement. Every page works without this file; with it, the persons
// search updates as one types. (The language menu changes nothing until its button is pressed:
// a choice made with the arrow keys must not leave the page, WCAG 3.2.2.)
(function () {
  "use strict";

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("form[data-live-search]").forEach(function (form) {
    var target = document.querySelector(form.getAttribute("data-live-search"));
    if (!target || !window.fetch) return;
    var timer = null;
    var latest = 0;
    function refresh() {
      var params = new URLSearchParams(new FormData(form));
      params.set("partial", "1");
      var ticket = ++latest;
      fetch(form.action + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          // Answers may arrive out of order: show only the newest.
          if (html !== null && ticket === latest) {
            target.innerHTML = html;
            params.delete("partial");
            history.replaceState(null, "", form.action + "?" + params.toString());
          }
        })
        .catch(function () { /* the submit button still works */ });
    }
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  });
})();
