/* Starts Swagger UI on /docs from the container's data attributes (the
   page has no inline script: the Content-Security-Policy allows none). */
(function () {
  const box = document.getElementById("swagger-ui-container");
  const config = Object.assign({ url: box.dataset.specUrl, dom_id: "#swagger-ui-container" },
                               JSON.parse(box.dataset.config || "{}"));
  window.ui = SwaggerUIBundle(config);
})();
