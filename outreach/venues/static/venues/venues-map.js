/* The venue map: Leaflet (self-hosted) over the tile server named in the element's data-
   attributes, one marker per venue from the JSON data block named by data-points. Only loaded when
   a tile server is set; with none the page shows the drawn schematic instead. */
(function () {
  "use strict";
  var element = document.querySelector("[data-venue-map]");
  if (!element || !window.L) return;
  var data = document.getElementById(element.dataset.points);
  var points = data ? JSON.parse(data.textContent) : [];
  var fallback = element.querySelector(".venue-map__fallback");
  if (fallback) fallback.remove();

  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: element.dataset.iconUrl,
    iconRetinaUrl: element.dataset.iconRetinaUrl,
    shadowUrl: element.dataset.shadowUrl
  });

  var small = element.hasAttribute("data-static");
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: !small, dragging: !small || !L.Browser.mobile });
  map.attributionControl.setPrefix(false);
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var options = { maxZoom: 18, attribution: escapeHtml(element.dataset.attribution || "") };
  if (element.dataset.tileSubdomains) options.subdomains = element.dataset.tileSubdomains;
  L.tileLayer(element.dataset.tileUrl, options).addTo(map);
  if (element.dataset.labelUrl) {
    var labelOptions = { maxZoom: 18 };
    if (element.dataset.tileSubdomains) labelOptions.subdomains = element.dataset.tileSubdomains;
    L.tileLayer(element.dataset.labelUrl, labelOptions).addTo(map);
  }

  // Popups are built as elements (textContent), never from HTML strings.
  function popup(point) {
    var box = document.createElement("div");
    var name = document.createElement(point.url ? "a" : "strong");
    name.textContent = point.name;
    if (point.url) name.href = point.url;
    box.appendChild(name);
    var meta = document.createElement("div");
    meta.textContent = [point.type, point.league].filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }
  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).addTo(map);
    marker.bindPopup(popup(point));
    bounds.push([point.lat, point.lon]);
  });
  var zoom = parseInt(element.dataset.zoom, 10) || 5;
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], small ? zoom : 11);
  } else {
    map.setView([parseFloat(element.dataset.centreLat), parseFloat(element.dataset.centreLon)], zoom);
  }
})();
