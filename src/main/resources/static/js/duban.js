/* Behaviour every duban page may use, kept out of the HTML: the pages' Content-Security-Policy allows no inline
   script or event handler attributes. Plain script, no build step.
   - data-confirm="question" on a submit button: asks before submitting;
   - data-print on a button: prints the page. */
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var confirmButton = target && target.closest('[data-confirm]');
    if (confirmButton && !window.confirm(confirmButton.getAttribute('data-confirm'))) {
      event.preventDefault();
      return;
    }
    if (target && target.closest('[data-print]')) {
      window.print();
    }
  });
})();
