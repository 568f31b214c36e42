// Pagefind's search box over the story bodies (the index is built next to the site, offline). A
// large archive is indexed in parts: parts.json, beside the first, lists the others to merge.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  var bundle = box.dataset.bundle;
  function label(tries) {
    // Label the generated input with the page's visible text.
    var input = box.querySelector("input");
    if (input) { input.setAttribute("aria-labelledby", "search-label"); return; }
    if (tries > 0) setTimeout(function () { label(tries - 1); }, 50);
  }
  function start(others) {
    var options = { element: "#search", bundlePath: bundle, showImages: false, resetStyles: false };
    if (others.length) {
      options.mergeIndex = others.map(function (part) { return { bundlePath: bundle + part }; });
    }
    new PagefindUI(options);
    label(40);
  }
  fetch(bundle + "parts.json")
    .then(function (r) { return r.ok ? r.json() : { bundles: [] }; })
    .then(function (parts) { return Array.isArray(parts.bundles) ? parts.bundles : []; },
          function () { return []; })
    .then(start);
});
