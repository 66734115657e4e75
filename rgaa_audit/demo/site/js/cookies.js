/* Cookie-consent banner of the demo portal: shown until the visitor chooses, then remembered. */
(function () {
  "use strict";
  var KEY = "vfsl-consentement";
  if (window.self !== window.top) { return; }  // not inside the map frame
  try {
    if (window.localStorage.getItem(KEY)) { return; }
  } catch (e) { /* storage unavailable: ask every time */ }

  var box = document.createElement("section");
  box.className = "cookies";
  box.setAttribute("aria-label", "Consentement aux cookies");
  var text = document.createElement("p");
  text.textContent = "Nous aimerions mesurer la fréquentation du site de façon anonyme. Vous pouvez accepter ou refuser.";
  var more = document.createElement("p");
  var link = document.createElement("a");
  link.href = "mentions-legales.html#cookies";
  link.textContent = "En savoir plus sur les cookies";
  more.appendChild(link);
  box.appendChild(text);
  box.appendChild(more);

  function choose(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* ignore */ }
    box.remove();
    var main = document.getElementById("contenu");
    if (main) { main.focus(); }
  }
  [["Accepter la mesure d'audience", "oui"], ["Refuser", "non"]].forEach(function (choice) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = choice[0];
    button.addEventListener("click", function () { choose(choice[1]); });
    box.appendChild(button);
  });

  var skip = document.querySelector(".evitement");
  if (skip && skip.nextSibling) {
    skip.parentNode.insertBefore(box, skip.nextSibling);
  } else {
    document.body.insertBefore(box, document.body.firstChild);
  }
})();
