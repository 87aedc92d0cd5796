// The intranet page keeps its own copy of the plan: every skyddsnat-change
// event is written to this page's localStorage key, and the stored plan is
// handed back to the element when the page opens again.
'use strict';
(function () {
  var KEY = 'intranet-example:skyddsplan';
  var element = document.getElementById('plan');
  var status = document.getElementById('status');

  var stored = localStorage.getItem(KEY);
  if (stored) {
    try {
      element.plan = JSON.parse(stored);
    } catch (e) {
      localStorage.removeItem(KEY);
    }
  }

  element.addEventListener('skyddsnat-change', function (event) {
    localStorage.setItem(KEY, JSON.stringify(event.detail));
    status.textContent = 'Sparat ' + new Date().toLocaleTimeString('sv-SE');
  });
  element.addEventListener('skyddsnat-error', function (event) {
    status.textContent = 'Fel: ' + event.detail;
  });
})();
