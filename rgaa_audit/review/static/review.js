// rgaa-audit review app: keyboard shortcuts and saving without reloading the page.
// Everything here is an enhancement: without JavaScript the links and forms do the same.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) return false;
    if (target.closest("textarea, select, [contenteditable]")) return true;
    var input = target.closest("input");
    if (!input) return false;
    var type = (input.getAttribute("type") || "text").toLowerCase();
    return ["radio", "checkbox", "button", "submit", "reset"].indexOf(type) === -1;
  }

  function announce(text) {
    var region = document.getElementById("announce");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function showHelp() {
    var help = document.getElementById("help");
    if (!help) return;
    help.classList.add("highlight");
    help.focus();
    help.scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var key = event.key;
    if (key === "?") { event.preventDefault(); showHelp(); return; }
    if (key.length !== 1) return;
    var element = document.querySelector('[data-key="' + key.toLowerCase() + '"]');
    if (!element || key !== key.toLowerCase()) return;
    event.preventDefault();
    if (element.matches('input[type="radio"], input[type="checkbox"]')) {
      element.checked = true;
      element.focus();
      element.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      element.click();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-help]");
    if (link) { event.preventDefault(); showHelp(); }
  });

  var confirm = document.getElementById("confirm");
  if (confirm) confirm.focus();

  var form = document.getElementById("decision");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var submitter = event.submitter || form.querySelector('button[name="after"]');
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var errorBox = document.getElementById("form-error");
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json",
                 "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(data).toString(),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      if (!answer.ok) {
        if (errorBox) errorBox.innerHTML = '<div class="alert"><p></p></div>';
        if (errorBox) errorBox.querySelector("p").textContent = answer.error;
        return;
      }
      if (errorBox) errorBox.textContent = "";
      var progress = document.getElementById("progress");
      if (progress) progress.innerHTML = answer.progress_html;
      var current = document.getElementById("current");
      if (current) current.innerHTML = answer.current_html;
      announce(answer.message);
      var after = submitter && submitter.name === "after" ? submitter.value : "stay";
      if (after === "next" && answer.next && answer.next !== window.location.pathname + window.location.search) {
        window.location.href = answer.next;
      } else if (submitter && submitter.name === "action") {
        window.location.reload();
      }
    }).catch(function () {
      form.submit();
    });
  });
}());
