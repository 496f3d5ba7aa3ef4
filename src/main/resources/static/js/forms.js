/* duban's upload and issue forms. A file over the limit (data-max-bytes on its input) is refused here, before the
   upload, with the reason on the page (the server answers 413 too, for uploads that bypass this). A form marked
   data-submit-once sends itself once: its buttons are disabled after the first submit (the form's idempotency key
   makes a second request harmless anyway). Plain script, no inline code (the pages' Content-Security-Policy). */
(function () {
  'use strict';

  function megabytes(bytes) {
    var mb = bytes / 1024 / 1024;
    return (Math.round(mb * 10) / 10) + ' MB';
  }

  function showProblem(form, text) {
    var box = form.querySelector('.upload-problem');
    if (!box) {
      box = document.createElement('p');
      box.className = 'alert error upload-problem';
      box.setAttribute('role', 'alert');
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
  }

  function tooLarge(form) {
    var inputs = form.querySelectorAll('input[type=file][data-max-bytes]');
    for (var i = 0; i < inputs.length; i++) {
      var max = Number(inputs[i].getAttribute('data-max-bytes'));
      var files = inputs[i].files || [];
      for (var j = 0; j < files.length; j++) {
        if (max > 0 && files[j].size > max) {
          return '文件「' + files[j].name + '」大小为 ' + megabytes(files[j].size) + '，超过了 ' + megabytes(max)
            + ' 的上限，未上传。请压缩或拆分后再上传。';
        }
      }
    }
    return null;
  }

  document.querySelectorAll('form').forEach(function (form) {
    form.addEventListener('change', function (event) {
      if (event.target.matches('input[type=file][data-max-bytes]')) {
        var problem = tooLarge(form);
        var box = form.querySelector('.upload-problem');
        if (problem) {
          showProblem(form, problem);
        } else if (box) {
          box.remove();
        }
      }
    });
    form.addEventListener('submit', function (event) {
      var problem = tooLarge(form);
      if (problem) {
        event.preventDefault();
        showProblem(form, problem);
        return;
      }
      if (form.hasAttribute('data-submit-once')) {
        if (form.getAttribute('data-submitted') === 'true') {
          event.preventDefault();
          return;
        }
        form.setAttribute('data-submitted', 'true');
        // after this event, so that the pressed button's own name and value are still sent
        setTimeout(function () {
          form.querySelectorAll('button, input[type=submit]').forEach(function (b) { b.disabled = true; });
        }, 0);
      }
    });
  });

  // back to a page from the browser's cache: its forms may be sent again
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      document.querySelectorAll('form[data-submit-once]').forEach(function (form) {
        form.removeAttribute('data-submitted');
        form.querySelectorAll('button, input[type=submit]').forEach(function (b) { b.disabled = false; });
      });
    }
  });
})();
