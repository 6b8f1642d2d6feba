// entente dashboard: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
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
