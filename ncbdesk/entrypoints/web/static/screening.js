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

  // A file over the upload limit would be cut off by the server with a bare 413;
  // say so beside the field before sending it.
  function tooLarge(input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var file = input.files && input.files[0];
    return Boolean(file && max && file.size > max);
  }

  function showFileError(input, text) {
    var id = input.id + "-error";
    var error = document.getElementById(id);
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.id = id;
      input.insertAdjacentElement("afterend", error);
    }
    error.textContent = text;
    input.setAttribute("aria-invalid", "true");
    var described = (input.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(id) < 0) {
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" ").trim());
    }
    input.closest(".field").classList.add("has-error");
  }

  document.addEventListener("submit", function (event) {
    var input = event.target.querySelector("input[type=file][data-max-bytes]");
    if (input && tooLarge(input)) {
      event.preventDefault();
      showFileError(input, "The file is larger than " + input.getAttribute("data-max-label") + ".");
      input.focus();
    }
  });
})();
