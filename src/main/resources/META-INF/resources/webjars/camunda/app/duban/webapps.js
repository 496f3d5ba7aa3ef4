/*
 * duban inside the Camunda webapps (Tasklist, Cockpit, Admin, Welcome). Each app's scripts/config.js loads it as a
 * custom script (an ES module; Tasklist loads tasklist.js, which imports this). What it does in every app:
 *  - signing out, or a session that has ended, leads to duban's login page (not Camunda's login box);
 *  - a link back to duban's pages in the header (Tasklist: the whole duban menu);
 *  - <html> carries the signed-in person's powers (duban-may-issue: the office or an admin; duban-admin;
 *    duban-monitors: may open Cockpit), so that webapps.css shows only the controls a person can use.
 * Plain script, no build step; it reads the webapps' own DOM and requests, never their internals.
 */

const base = document.querySelector('base');
/** tasklist, cockpit, admin or welcome */
export const APP = base ? base.getAttribute('app-name') : '';
/** The webapps' root, e.g. "/camunda" (the engine API is below it). */
export const APP_ROOT = (base && base.getAttribute('app-root')) || '/camunda';
/** duban's own root (its context path): the webapps live under "<root>/camunda". */
export const ROOT = APP_ROOT.replace(/\/camunda\/?$/, '');
/** The engine the app shows (".../app/tasklist/default/"). */
export const ENGINE = (window.location.pathname.match(/\/app\/[^/]+\/([^/]+)\//) || [null, 'default'])[1];

// ---------------------------------------------------------------------------------------------------- requests

const xhrListeners = [];

/**
 * Calls listener({method, url, path, body, status, response}) after every request the webapp makes (the webapps use
 * XMLHttpRequest through their SDK and AngularJS). Only watches: the request itself is untouched.
 */
export function afterRequest(listener) {
  xhrListeners.push(listener);
}

(function watchRequests() {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.dubanCall = { method: String(method).toUpperCase(), url: String(url) };
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (body) {
    const call = this.dubanCall;
    if (call) {
      call.body = typeof body === 'string' ? body : null;
      call.path = new URL(call.url, window.location.href).pathname;
      // 'load' listeners added here run before the webapp's own (AngularJS and the SDK use onload/onreadystatechange
      // callbacks that settle promises later), so duban may prepare before the webapp's toasts appear
      this.addEventListener('loadend', () => {
        call.status = this.status;
        try {
          call.response = this.responseType === '' || this.responseType === 'text' ? this.responseText : null;
        } catch (e) {
          call.response = null;
        }
        xhrListeners.forEach((listener) => {
          try {
            listener(call);
          } catch (e) {
            console.error('duban:', e);
          }
        });
      });
    }
    return send.apply(this, arguments);
  };
})();

/** GET a JSON resource of duban or of the engine (same origin, the session's cookie); null when it fails. */
export function getJson(url) {
  return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
}

/** The engine REST API of the webapps (GET only: changes go through the webapps themselves). */
export function engineJson(path) {
  return getJson(APP_ROOT + '/api/engine/engine/' + encodeURIComponent(ENGINE) + path);
}

let mePromise = null;

/** The signed-in person as duban knows them (GET /api/me: id, name, unitIds, roleIds, admin, officeOrAdmin). */
export function me() {
  if (!mePromise) {
    mePromise = getJson(ROOT + '/api/me');
  }
  return mePromise;
}

/**
 * A change through duban's own API (/api/**) with the session's CSRF token, which duban's API asks for like its
 * pages do; GET /api/csrf hands it to scripts of the same origin only.
 */
export function postToApi(path, body) {
  return getJson(ROOT + '/api/csrf').then((csrf) => {
    const headers = { Accept: 'application/json' };
    if (csrf) {
      headers[csrf.headerName] = csrf.token;
    }
    return fetch(ROOT + path, { method: 'POST', credentials: 'same-origin', headers, body });
  });
}

/** The Chinese message of a failed answer of duban's API or of the engine, without technical prefixes. */
export function problemText(status, bodyText) {
  let text = '';
  try {
    const body = JSON.parse(bodyText || '');
    text = body.detail || body.message || '';
  } catch (e) {
    text = '';
  }
  text = cleanMessage(text);
  if (text && /[\u4e00-\u9fff]/.test(text)) {
    return text;
  }
  if (status === 0) {
    return '网络连接中断，未能提交。请检查网络后再试。';
  }
  if (status === 401) {
    return '登录已过期，请重新登录后再提交。';
  }
  if (status === 403) {
    return '您没有执行此操作的权限。';
  }
  if (status === 409) {
    return '该任务已由他人办理或已变化，请刷新后查看。';
  }
  if (status === 413) {
    return '文件太大，未上传。';
  }
  return '服务器暂时无法处理，请稍后再试；问题持续请联系管理员。';
}

/** Strips what is meant for developers from a message: engine prefixes ("Cannot submit task form 30cb…: "), ids. */
export function cleanMessage(text) {
  let message = String(text || '').trim();
  let previous;
  do {
    previous = message;
    message = message.replace(/^(Cannot|Could not|Unable to|ENGINE-\d+)[^:：]*[:：]\s*/, '');
  } while (message !== previous);
  message = message.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '').trim();
  // the same sentence twice (a rule's message repeated by a wrapping exception)
  const half = message.length / 2;
  if (message.length > 1 && Number.isInteger(half)) {
    const first = message.slice(0, half).trim();
    if (first === message.slice(half).trim()) {
      message = first;
    }
  }
  return message;
}

// ------------------------------------------------------------------------------------------------------- notices

/**
 * A short message at the top of the page (the webapps' own toasts sit over the form's buttons). kind: 'ok' or
 * 'error'. parts: strings and DOM nodes (links). Stays until closed, or for `seconds`.
 */
export function notice(kind, parts, seconds) {
  let box = document.getElementById('duban-notices');
  if (!box) {
    box = document.createElement('div');
    box.id = 'duban-notices';
    box.setAttribute('aria-live', 'polite');
    document.body.appendChild(box);
  }
  const item = document.createElement('div');
  item.className = 'duban-notice duban-notice-' + kind;
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const text = document.createElement('span');
  text.className = 'duban-notice-text';
  parts.forEach((part) => text.append(part));
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'duban-notice-close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => item.remove());
  item.append(text, close);
  box.appendChild(item);
  if (seconds) {
    window.setTimeout(() => item.remove(), seconds * 1000);
  }
  return item;
}

/** A link to one of duban's pages. */
export function dubanLink(path, label) {
  const a = document.createElement('a');
  a.href = ROOT + path;
  a.textContent = label;
  return a;
}

// ------------------------------------------------------------------------------------------------- signing out

let leaving = false;

/** Leaves the webapp for duban's login page (after signing out: "已退出登录"); the first reason to leave wins. */
function toDubanLogin(query) {
  if (leaving) {
    return;
  }
  leaving = true;
  document.documentElement.classList.add('duban-leaving');
  window.location.replace(ROOT + '/login' + query);
}

/**
 * 退出登录 in a webapp's header signs out of duban (POST /logout, the one session of pages, API and webapps), which
 * lands on duban's login page. The webapp's own sign-out is not started: it would show Camunda's login box, and
 * its route change could cancel the way to duban's page.
 */
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('[cam-widget-header] li.logout a') : null;
  if (!link) {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  getJson(ROOT + '/api/csrf').then((csrf) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = ROOT + '/logout';
    if (csrf) {
      const token = document.createElement('input');
      token.type = 'hidden';
      token.name = csrf.parameterName;
      token.value = csrf.token;
      form.appendChild(token);
    }
    document.body.appendChild(form);
    leaving = true;
    document.documentElement.classList.add('duban-leaving');
    form.submit();
  });
}, true);

// should a webapp sign out by itself all the same (a keyboard shortcut, a plugin)
afterRequest((call) => {
  if (call.method === 'POST' && /\/api\/admin\/auth\/user\/[^/]+\/logout$/.test(call.path)
      && call.status >= 200 && call.status < 400) {
    toDubanLogin('?logout');
  }
});

/**
 * A webapp shows its own login box (#/login) when its session has ended (timeout, a password change elsewhere).
 * duban's login page is the one way in; it brings the person back to their landing page. Not twice within a minute:
 * should the webapp insist on its login box right after duban's login, the box is left to work (it signs in to
 * duban too) rather than sending the person round in circles.
 */
function leaveWebappLogin() {
  if (!window.location.hash.startsWith('#/login')) {
    return;
  }
  const last = Number(window.sessionStorage.getItem('duban-login-redirect') || 0);
  if (Date.now() - last < 60000) {
    return;
  }
  window.sessionStorage.setItem('duban-login-redirect', String(Date.now()));
  toDubanLogin('');
}

window.addEventListener('hashchange', leaveWebappLogin);
leaveWebappLogin();

// ------------------------------------------------------------------------------------------- powers and the menu

me().then((person) => {
  const classes = document.documentElement.classList;
  classes.add('duban-known'); // duban's script runs (the browser tests wait for it)
  if (person && person.officeOrAdmin) {
    classes.add('duban-may-issue');
  }
  if (person && person.admin) {
    classes.add('duban-admin');
  }
  if (person && person.roleIds.length) {
    classes.add('duban-monitors'); // the office, leaders, auditors and admins may open Cockpit
  }
});

// -------------------------------------------------------------------------------------------- watching the page

const passes = [];
let scheduled = false;

/** Runs pass() after the webapp has changed the page (at most once a frame), and once at the start. */
export function onPageChange(pass) {
  passes.push(pass);
  schedule();
}

function schedule() {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      passes.forEach((pass) => {
        try {
          pass();
        } catch (e) {
          console.error('duban:', e);
        }
      });
    });
  }
}

new MutationObserver(schedule)
  .observe(document.documentElement, { childList: true, subtree: true, characterData: true });

// ------------------------------------------------------------------------------------------------------- the menu

/** duban's pages, as in the header of duban's own pages (Tasklist: all of them; elsewhere the way back). */
const MENU = APP === 'tasklist'
  ? [['/', '事项'], ['/dashboard', '督办台'], ['/lists', '任务清单'], ['/notifications', '通知']]
  : [['/', '返回督办']];

/** One header item a link, styled by the webapp's own header rules; the first carries the unread count. */
function menu() {
  const items = MENU.map(([path, label]) => {
    const item = document.createElement('li');
    item.className = 'duban-menu';
    item.appendChild(dubanLink(path, label));
    return item;
  });
  if (APP === 'tasklist') {
    getJson(ROOT + '/api/notifications/unread-count').then((answer) => {
      const unread = answer ? answer.unread : 0;
      if (unread > 0) {
        const badge = document.createElement('span');
        badge.className = 'duban-badge';
        badge.textContent = String(unread);
        badge.title = unread + ' 条未读通知';
        items[items.length - 1].firstChild.appendChild(badge);
      }
    });
  }
  return items;
}

/**
 * The menu joins the header's section links (Tasklist's 发起流程…, Cockpit's 流程…, Admin's 用户…); the webapps
 * rebuild their header when the signed-in person changes, so it is put back whenever it is missing.
 */
onPageChange(() => {
  const sections = document.querySelector('[cam-widget-header] .sections-menu');
  if (!sections || sections.querySelector('.duban-menu')) {
    return;
  }
  let list = sections.querySelector('ul');
  if (!list) {
    list = document.createElement('ul');
    sections.appendChild(list);
  }
  const first = list.firstChild;
  menu().forEach((item) => list.insertBefore(item, first));
});
