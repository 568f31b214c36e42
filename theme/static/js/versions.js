// The versions view: one version at a time, chosen from a list (without script, all are shown).
(function () {
  var select = document.getElementById("version-select");
  if (!select) return;
  var panels = document.querySelectorAll(".versions .version");
  function show() {
    panels.forEach(function (p) { p.hidden = p.id !== select.value; });
  }
  select.closest(".version-pick").hidden = false;
  select.addEventListener("change", show);
  show();
})();
