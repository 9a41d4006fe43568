// Sends the session's CSRF token with every htmx request (forms carry it as a field too).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
});

// A canned reply button fills its textarea (the officer can still edit before sending).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fill]");
  if (!button) { return; }
  var target = document.querySelector(button.getAttribute("data-fill"));
  if (target) { target.value = button.getAttribute("data-text"); target.focus(); }
});
