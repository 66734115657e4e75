/* Search results page: echo the query (as text, bounded) into the summary and the search box. */
(function () {
  "use strict";
  var query = new URLSearchParams(window.location.search).get("q");
  if (!query) { return; }
  query = query.slice(0, 100);
  var term = document.getElementById("recherche-terme");
  if (term) { term.textContent = query; }
  var box = document.getElementById("recherche-site");
  if (box) { box.value = query; }
})();
