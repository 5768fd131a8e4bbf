// The report form's proof of work: find a counter whose SHA-256 with the form's challenge
// starts with the asked number of zero bits, then send. Without script (or without
// crypto.subtle, which only secure pages have) the form is sent as it is and the server waits a
// few seconds instead.
(function () {
  var form = document.getElementById("report-form");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var bits = parseInt(form.getAttribute("data-bits") || "0", 10);
  var challenge = form.elements["challenge"].value;
  var status = document.getElementById("pow-status");
  var solved = null;
  function zeroBits(bytes) {
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { n += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { n++; b <<= 1; }
      return n;
    }
    return n;
  }
  async function solve() {
    var enc = new TextEncoder();
    for (var c = 0; ; c++) {
      var d = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(challenge + ":" + c)));
      if (zeroBits(d) >= bits) return String(c);
    }
  }
  var work = solve().then(function (c) { solved = c; form.elements["counter"].value = c; });
  form.addEventListener("submit", function (e) {
    if (solved !== null) return;
    e.preventDefault();
    if (status) status.textContent = "…";
    work.then(function () { form.submit(); });
  });
})();
