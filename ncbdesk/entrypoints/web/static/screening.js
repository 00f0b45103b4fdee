// Screening pages. Loaded with `defer` by the screening templates; no inline code (CSP).
(function () {
  "use strict";

  // htmx leaves 4xx answers unswapped; a 422 from a screening form carries the
  // form with its errors beside the fields, so it is swapped like a success.
  // (The event's `elt` is the swap target; the form that asked is `requestConfig.elt`.)
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    var source = config && config.elt;
    if (event.detail.xhr.status === 422 && source && source.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a swap, move focus where a keyboard or screen-reader user needs it:
  // the error summary when the form was refused, else the results.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "screen-panel") {
      return;
    }
    var next = document.getElementById("error-summary") || document.getElementById("screen-results");
    if (next) {
      next.focus();
    }
  });
})();
