// Pagefind's search box over the story bodies (the index is built next to the site, offline).
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  new PagefindUI({ element: "#search", bundlePath: box.dataset.bundle, showImages: false, resetStyles: false });
  // Label the generated input with the page's visible text.
  (function label(tries) {
    var input = box.querySelector("input");
    if (input) { input.setAttribute("aria-labelledby", "search-label"); return; }
    if (tries > 0) setTimeout(function () { label(tries - 1); }, 50);
  })(40);
});
