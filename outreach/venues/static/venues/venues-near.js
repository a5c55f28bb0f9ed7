/* 附近的阵地: shows the “near me” form (hidden without JavaScript), asks the browser for the
   reader's position and sends it, rounded to about a kilometre, as ?lat=&lon=; the server sorts. */
(function () {
  "use strict";
  var form = document.querySelector("[data-venue-near]");
  if (!form) return;
  var status = form.querySelector("[data-venue-near-status]");
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    if (form.elements.lat.value && form.elements.lon.value) return;
    event.preventDefault();
    if (!("geolocation" in navigator)) {
      status.textContent = form.dataset.unsupported;
      return;
    }
    status.textContent = form.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(2);
        form.elements.lon.value = position.coords.longitude.toFixed(2);
        form.submit();
      },
      function () {
        status.textContent = form.dataset.denied;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });
})();
