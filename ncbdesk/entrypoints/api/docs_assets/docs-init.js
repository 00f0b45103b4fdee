// Starts Swagger UI on /docs from files served by ncbdesk itself: no CDN, and
// no inline script, so the Content-Security-Policy stays strict.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
  });
});
