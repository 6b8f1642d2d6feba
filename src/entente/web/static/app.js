// entente dashboard: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // An analyst's correction of an event (servers started with writes allowed): POST it with the token.
    var form = document.querySelector("form.correction-form");
    if (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var body = {}, status = form.querySelector(".correction-status");
        ["kind", "cameo", "date", "duplicate_of", "note", "who"].forEach(function (name) {
          var value = form.elements[name].value.trim();
          if (value) { body[name] = value; }
        });
        fetch("/api/events/" + encodeURIComponent(form.dataset.event) + "/corrections", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Authorization": "Bearer " + form.elements.token.value },
          body: JSON.stringify(body)
        }).then(function (r) {
          if (r.ok) { window.location.reload(); return; }
          return r.json().then(function (e) { status.textContent = "Not recorded: " + (e.error || r.status); });
        }).catch(function (e) { status.textContent = "Not recorded: " + e; });
      });
    }
    // Bring the highlighted evidence sentence into view.
    var mark = document.getElementById("mark");
    if (mark) { mark.scrollIntoView({ block: "center" }); mark.setAttribute("tabindex", "-1"); mark.focus(); }
    // Hovering a bar or point in the chart shows its title as a status line.
    var chart = document.querySelector("svg.chart");
    if (chart) {
      var status = document.createElement("p");
      status.className = "hint chart-status";
      chart.parentNode.appendChild(status);
      chart.addEventListener("mouseover", function (ev) {
        var t = ev.target.querySelector && ev.target.querySelector("title");
        if (t) { status.textContent = t.textContent; }
      });
    }
  });
})();
