// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // HTMX requests carry the CSRF token from <body data-csrf>.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.body.getAttribute("data-csrf");
    if (token) { event.detail.headers["X-CSRF-Token"] = token; }
  });

  // Forms with data-confirm ask before submitting (delete buttons).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  // Move focus to an error summary so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary") || document.getElementById("import-errors");
    if (summary) { summary.focus(); }
    drawCharts();
  });

  // Points that carry their own tooltip lines (the portfolio's bubbles) show those: the first
  // line (the use case) as the title, the rest as the body.
  function withTooltips(config) {
    var datasets = (config.data && config.data.datasets) || [];
    var tooltips = datasets.some(function (d) {
      return (d.data || []).some(function (p) { return p && p.tooltip; });
    });
    if (!tooltips) { return; }
    config.options = config.options || {};
    config.options.plugins = config.options.plugins || {};
    config.options.plugins.tooltip = {
      callbacks: {
        title: function (items) { return items.length ? items[0].raw.tooltip[0] : ""; },
        label: function (item) { return item.raw.tooltip.slice(1); }
      }
    };
  }

  function drawCharts() {
    if (typeof window.Chart === "undefined") { return; }
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      var canvas = figure.querySelector("canvas");
      var source = figure.querySelector("script.chart-data");
      if (!canvas || !source) { return; }
      var data = JSON.parse(source.textContent);
      if (data.chart) {
        // A complete Chart.js configuration built on the server (portfolio, indicators).
        var config = data.chart;
        config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { position: "bottom" } } }, config.options || {});
        withTooltips(config);
        new window.Chart(canvas, config);
        return;
      }
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            { label: data.expectedLabel, data: data.expected, borderColor: "#5b6770", borderDash: [6, 4], fill: false },
            { label: data.realisedLabel, data: data.realised, borderColor: "#005b8f", backgroundColor: "#005b8f", fill: false }
          ]
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }
      });
    });
  }
})();
