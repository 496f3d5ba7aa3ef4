/* Behaviour every duban page may use, kept out of the HTML: the pages' Content-Security-Policy allows no inline
   script or event handler attributes. Plain script, no build step.
   - data-confirm="question" on a submit button: asks before submitting;
   - data-print on a button: prints the page;
   - data-menu-toggle: the header's 菜单 button on a phone opens and closes the menu (Escape closes it too);
   - the header's link to the page being shown is marked (aria-current);
   - label.file-pick: a file field in Chinese whatever the browser's language; shows the chosen file's name. */
(function () {
  'use strict';

  function setMenu(toggle, open) {
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    toggle.closest('.topbar').classList.toggle('open', open);
  }

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
    var toggle = target && target.closest('[data-menu-toggle]');
    if (toggle) {
      setMenu(toggle, toggle.getAttribute('aria-expanded') !== 'true');
    }
  });

  document.addEventListener('change', function (event) {
    var input = event.target;
    var pick = input instanceof HTMLInputElement && input.type === 'file' && input.closest('.file-pick');
    var name = pick && pick.querySelector('.file-name');
    if (name) {
      name.textContent = input.files.length ? Array.from(input.files).map(function (f) { return f.name; }).join('、')
        : '未选择文件';
    }
  });

  document.addEventListener('keydown', function (event) {
    var toggle = document.querySelector('[data-menu-toggle][aria-expanded="true"]');
    if (event.key === 'Escape' && toggle) {
      setMenu(toggle, false);
      toggle.focus();
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    var here = window.location.pathname;
    var best = null;
    document.querySelectorAll('.topbar nav a').forEach(function (link) {
      var path = link.pathname;
      var matches = path === '/' ? here === '/' || here.indexOf('/items/') === 0
        : here === path || here.indexOf(path.replace(/\/$/, '') + '/') === 0;
      if (matches && (!best || path.length > best.pathname.length)) {
        best = link;
      }
    });
    if (best) {
      best.setAttribute('aria-current', 'page');
    }
  });
})();
