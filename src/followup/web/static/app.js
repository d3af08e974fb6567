// The one piece of script of our own: copy the message to the clipboard.
// Everything else is plain HTML forms and htmx attributes; the pages work without it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var field = document.querySelector(button.getAttribute("data-copy"));
  var status = document.getElementById("copied");
  var done = function () { if (status) status.textContent = "Copied."; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () {
      field.select(); document.execCommand("copy"); done();
    });
  } else {
    field.select(); document.execCommand("copy"); done();
  }
});
