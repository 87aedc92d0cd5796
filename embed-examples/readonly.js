// A read-only viewer: shows the sample plan shipped next to the embed build,
// or a plan file the reviewer opens. Nothing is stored.
'use strict';
(function () {
  var viewer = document.getElementById('viewer');
  var status = document.getElementById('status');
  var openedByUser = false;

  function show(plan) {
    // Hand the plan over once the widget has started, so it is always the
    // same path (setPlan on a mounted widget) however the loads interleave.
    viewer.ready.then(function () {
      try {
        viewer.plan = plan;
        status.textContent = '';
      } catch (e) {
        status.textContent = 'Kunde inte visa planen: ' + e.message;
      }
    });
  }

  fetch('../dist/embed/sample-plan.json')
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (plan) { if (plan && !openedByUser) show(plan); })
    .catch(function () {});

  document.getElementById('file').addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    openedByUser = true;
    file.text().then(function (text) {
      var plan;
      try {
        plan = JSON.parse(text);
      } catch (e) {
        status.textContent = 'Filen är inte en planfil (JSON): ' + e.message;
        return;
      }
      show(plan);
    });
  });
  viewer.addEventListener('skyddsnat-error', function (event) {
    status.textContent = 'Fel: ' + event.detail;
  });
})();
