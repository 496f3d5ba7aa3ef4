/*
 * duban inside Camunda Tasklist (loaded by app/tasklist/scripts/config.js, customScripts). On top of webapps.js:
 *  - the forms (form-js, whose texts are hard-coded in English) speak Chinese: validation messages, placeholders,
 *    the date picker;
 *  - a refused submission (duban's rules answer 4xx with a Chinese message) is shown once, next to the form above
 *    its buttons, instead of in a toast over the 完成 button; a successful one is confirmed in words a person uses
 *    (the new item's code after 交办, 进度已反馈, 已提交办结申请 …);
 *  - evidence (佐证材料) is uploaded from within the 承办 form, without leaving it; 审核销号 lists it.
 * Forms are recognised by their tasks' definition keys and their fields' keys, never by their layout, so that any
 * duban form works. Everything the server decides stays decided there: this only helps people.
 */
import { afterRequest, dubanLink, engineJson, getJson, me, notice, onPageChange, postToApi, problemText, ROOT }
  from './webapps.js';

const HANDLE = 'UserTask_Handle'; // 承办
const SIGN_OFF = 'UserTask_SignOff'; // 审核销号

// ------------------------------------------------------------------------------------------------ form-js texts

/** form-js's validation messages (deps.js, validateFieldInstance) and what to tell a person instead. */
const VALIDATION = [
  [/^Field is required\.$/, (m, length, choice) => (choice ? '必填项，请选择。' : '必填项，请填写。')],
  [/^Field must match pattern .*$/s, () => '格式不对，请按下方说明填写。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m, length) => `最多 ${m[1]} 个字` + (length ? `，现有 ${length} 个字，请删减。` : '，请删减。')],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must be a valid email\.$/, () => '电子邮箱格式不对，应如 zhangsan@example.gov.cn。'],
  [/^Field must be a valid\s+international phone number.*$/s, () => '电话号码格式不对，请带国家代码填写，如 +8613800000000。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Value is expected to be an integer\.$/, () => '请填写整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多保留 ${m[1]} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m) => `取值无效，最接近的有效值是 ${m[1]} 和 ${m[2]}。`],
];

/** Fixed texts of form-js's controls, by the element that shows them. */
const CONTROL_TEXTS = {
  '.fjs-select-display': { Select: '请选择' },
  '.fjs-dropdownlist-empty': { 'No results': '没有匹配的选项', 'All values selected': '已全部选择' },
  '.fjs-taglist-skip-link': { 'Skip to search': '跳到搜索框' },
};

const PLACEHOLDERS = [
  [/^Search$/, '输入文字查找'],
  [/^Select$/, '请选择'],
  // form-js writes the browser's date format ("yyyy/mm/dd"); a person reads an example better
  [/^[ymd]{1,4}([/.\-\s]+[ymd]{1,4}){2}$/i,
    (format) => '请选择日期，或输入如 ' + format.replace(/y+/i, '2026').replace(/m+/i, '12').replace(/d+/i, '31')],
  [/^hh:mm( \?m)?$/, '时:分'],
];

const FLATPICKR_ZH = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
  time_24hr: true,
};

function translateValidation(text, field) {
  for (const [pattern, say] of VALIDATION) {
    const match = text.match(pattern);
    if (match) {
      const input = field && field.querySelector('textarea, input');
      const choice = field && /fjs-form-field-(radio|select|checklist|taglist|checkbox)/.test(field.className);
      return say(match, input && input.value ? input.value.trim().length : 0, choice);
    }
  }
  return null;
}

function translateForms(root) {
  root.querySelectorAll('.fjs-form-field-error').forEach((error) => {
    const field = error.closest('.fjs-form-field');
    textNodes(error).forEach((node) => {
      const chinese = translateValidation(node.data.trim(), field);
      if (chinese) {
        node.data = chinese;
      }
    });
  });
  Object.entries(CONTROL_TEXTS).forEach(([selector, texts]) => {
    root.querySelectorAll(selector).forEach((element) => textNodes(element).forEach((node) => {
      const chinese = texts[node.data.trim()];
      if (chinese) {
        node.data = chinese;
      }
    }));
  });
  root.querySelectorAll('input[placeholder]').forEach((input) => {
    const placeholder = input.getAttribute('placeholder');
    const rule = PLACEHOLDERS.find(([pattern]) => pattern.test(placeholder));
    if (rule) {
      input.setAttribute('placeholder', typeof rule[1] === 'function' ? rule[1](placeholder) : rule[1]);
    }
  });
  root.querySelectorAll('[title="Remove tag"]').forEach((button) => button.setAttribute('title', '移除'));
  root.querySelectorAll('.fjs-datepicker input, input.flatpickr-input').forEach((input) => {
    const picker = input._flatpickr;
    if (picker && !picker.dubanChinese) {
      picker.dubanChinese = true;
      picker.set('locale', FLATPICKR_ZH);
    }
  });
  root.querySelectorAll('.flatpickr-monthDropdown-months option').forEach((option) => {
    const month = FLATPICKR_ZH.months.longhand[Number(option.value)];
    if (month && option.textContent !== month) {
      option.textContent = month;
    }
  });
}

function textNodes(element) {
  const nodes = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (walker.currentNode.data.trim()) {
      nodes.push(walker.currentNode);
    }
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------- submitting a form

const SUBMIT = /\/api\/engine\/engine\/[^/]+\/(task|process-definition)\/([^/]+)\/(submit-form|complete|start)$/;

/** The task whose form is shown: id, definition key, item code (the process's business key), assignee. */
let shown = null;

/** Toasts of the webapp to take away (duban says it better), until a moment after a submission. */
let quiet = { until: 0, errors: false, notice: null };

afterRequest((call) => {
  const match = call.method === 'POST' && call.path.match(SUBMIT);
  if (!match) {
    return;
  }
  const isStart = match[1] === 'process-definition';
  const form = formOf(isStart);
  if (form) {
    form.querySelectorAll('.duban-form-error').forEach((old) => old.remove());
  }
  if (call.status >= 200 && call.status < 300) {
    const item = isStart ? started(call) : completed(match[2], call);
    quiet = { until: Date.now() + 6000, errors: false, notice: item };
  } else {
    showRefusal(form, problemText(call.status, call.response));
    quiet = { until: Date.now() + 6000, errors: true, notice: null };
  }
});

/** The form of the task shown, or of the 发起 dialog. */
function formOf(isStart) {
  return document.querySelector(isStart ? '.modal-content [cam-tasklist-form]' : '.task-card [cam-tasklist-form]');
}

/** 交办: the new item's code, linked to its page. */
function started(call) {
  let code = null;
  try {
    code = JSON.parse(call.response || '{}').businessKey;
  } catch (e) {
    code = null;
  }
  return code
    ? notice('ok', ['已交办，事项编号 ', dubanLink('/items/' + encodeURIComponent(code), code), '，等待责任部门签收。'], 15)
    : notice('ok', ['已发起。'], 8);
}

function completed(taskId, call) {
  let variables = {};
  try {
    variables = JSON.parse(call.body || '{}').variables || {};
  } catch (e) {
    variables = {};
  }
  const task = shown && shown.id === taskId ? shown : {};
  const parts = [confirmation(task.key, variables) + '。'];
  if (task.code) {
    parts.push(dubanLink('/items/' + encodeURIComponent(task.code), '查看事项 ' + task.code));
  }
  return notice('ok', parts, 12);
}

/** What a completed task means for the person who completed it, by its task and its decision fields. */
function confirmation(taskKey, variables) {
  const value = (name) => (variables[name] ? variables[name].value : undefined);
  const decisions = {
    handleAction: { PROGRESS: '进度已反馈', COMPLETE: '已提交办结申请，等待督查室审核', EXTEND: '已提交延期申请，等待分管领导审批' },
    signForDecision: { ACCEPT: '已签收，请在「我的待办」中办理', RETURN: '已退回，督查室将改派' },
    signOffDecision: { SIGN_OFF: '已销号，事项办结', RETURN: '已退回承办人重新办理' },
    extensionDecision: { APPROVE: '已同意延期，完成时限已更新', REJECT: '已不同意延期，承办人会看到您的说明' },
  };
  for (const [field, answers] of Object.entries(decisions)) {
    if (answers[value(field)]) {
      return answers[value(field)];
    }
  }
  const byTask = {
    UserTask_CoUnitSignFor: '已签收本部门的协办部分，完成后请在「协办反馈」中填写完成情况',
    UserTask_CoUnitReport: '协办情况已反馈',
    UserTask_Supervise: '督办单已下达',
    UserTask_Reassign: '已改派',
  };
  return byTask[taskKey] || '已提交';
}

/** A refusal, once, above the form's buttons (in the 发起 dialog: at the end of the form, above its buttons). */
function showRefusal(form, message) {
  if (form) {
    form.querySelectorAll('.duban-form-error').forEach((old) => old.remove());
  }
  const box = document.createElement('div');
  box.className = 'alert alert-danger duban-form-error';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = '未提交：';
  box.append(title, message);
  if (!form) {
    notice('error', ['未提交：', message]);
    return;
  }
  const actions = form.querySelector('.form-actions');
  if (actions && !actions.classList.contains('ng-hide')) {
    actions.parentNode.insertBefore(box, actions);
  } else {
    form.appendChild(box);
  }
  box.scrollIntoView({ block: 'center' });
}

/**
 * Closes the webapp's own toasts while duban has said it (a refusal beside the form, a confirmation on top). An
 * error toast without a message is the webapp's answer to a form that form-js refused itself (a required field
 * empty …): form-js marks the fields; duban says so above the buttons, where the person looks.
 */
function quietToasts() {
  document.querySelectorAll('[notifications-panel] .alert').forEach((toast) => {
    if (toast.dataset.dubanSeen) {
      return;
    }
    const isError = toast.classList.contains('alert-danger');
    const message = toast.querySelector('.message');
    if (isError && message && !message.textContent.trim()) {
      toast.dataset.dubanSeen = 'true';
      showRefusal(formOf(!!toast.closest('.modal-content')), '有栏目需要填写或更正（已标红），改好后再提交。');
      closeToast(toast);
      return;
    }
    if (Date.now() > quiet.until || isError !== quiet.errors) {
      return;
    }
    toast.dataset.dubanSeen = 'true';
    // "您已被分配到同一流程中的以下任务：承办" after 签收: its link to the next task is worth keeping
    const next = toast.querySelector('a[href*="task="]');
    if (next && quiet.notice && !quiet.notice.querySelector('.duban-next-task')) {
      const link = document.createElement('a');
      link.className = 'duban-next-task';
      link.href = next.getAttribute('href');
      link.textContent = '现在办理「' + next.textContent.trim() + '」';
      quiet.notice.querySelector('.duban-notice-text').append(link);
    }
    closeToast(toast);
  });
}

function closeToast(toast) {
  const close = toast.querySelector('button.close[ng-click^="removeNotification"]');
  if (close) {
    close.click();
  } else {
    toast.style.display = 'none';
  }
}

// ----------------------------------------------------------------------------------------- evidence (佐证材料)

function currentTaskId() {
  const match = window.location.hash.match(/[?&]task=([^&]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Adds the evidence box to the form of the task shown, once per rendering of that form. */
function decorateTask() {
  const id = currentTaskId();
  const form = document.querySelector('.task-card [cam-tasklist-form]');
  if (!id || !form || form.dataset.dubanTask === id) {
    return;
  }
  form.dataset.dubanTask = id;
  // the item's code is its process's business key; people read it as the task's variable itemCode (a cadre may not
  // read the process instance itself)
  Promise.all([engineJson('/task/' + encodeURIComponent(id)),
    engineJson('/task/' + encodeURIComponent(id) + '/variables/itemCode'), me()]).then(([task, itemCode, person]) => {
    if (!task) {
      return;
    }
    shown = { id, key: task.taskDefinitionKey, assignee: task.assignee, code: itemCode && itemCode.value };
    if (shown.code && (shown.key === HANDLE || shown.key === SIGN_OFF) && form.isConnected
        && form.dataset.dubanTask === id) {
      addEvidence(form, shown, person);
    }
  });
}

function addEvidence(form, task, person) {
  const section = document.createElement('section');
  section.className = 'duban-evidence';
  const heading = document.createElement('h4');
  heading.textContent = task.key === HANDLE ? '佐证材料' : '承办人提交的佐证材料';
  const files = document.createElement('ul');
  files.className = 'duban-evidence-files';
  section.append(heading, files);
  const mayUpload = task.key === HANDLE && person
    && (person.id === task.assignee || person.officeOrAdmin);
  if (mayUpload) {
    section.appendChild(uploadBox(task.code, files, person));
  }
  const target = form.querySelector('.form-actions');
  if (target) {
    target.parentNode.insertBefore(section, target);
  } else {
    form.appendChild(section);
  }
  listEvidence(task.code, files);
}

function uploadBox(code, files, person) {
  const box = document.createElement('div');
  box.className = 'duban-upload';
  const hint = document.createElement('p');
  hint.className = 'duban-hint';
  hint.textContent = '申请办结或反馈进度时，在这里上传佐证材料：选好文件即上传，保存到事项 ' + code
    + '，已填写的内容不受影响。佐证材料是审核依据，上传后不能删除；传错了请再上传正确的文件，并在办结情况中说明。';
  // the browser's own file button speaks the browser's language; this one is Chinese everywhere
  const label = document.createElement('label');
  label.className = 'btn btn-default duban-upload-label';
  label.textContent = '选择文件上传…';
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.className = 'duban-upload-input';
  input.setAttribute('aria-label', '上传佐证材料（可多选）');
  label.appendChild(input);
  const status = document.createElement('p');
  status.className = 'duban-upload-status';
  status.setAttribute('role', 'status');
  box.append(hint, label, status);
  input.addEventListener('change', () => {
    const chosen = Array.from(input.files || []);
    input.disabled = true;
    status.classList.remove('duban-upload-problem');
    const problems = [];
    chosen.reduce((previous, file) => previous.then(() => {
      status.textContent = '正在上传「' + file.name + '」…';
      const body = new FormData();
      body.append('file', file, file.name);
      return postToApi('/api/items/' + encodeURIComponent(code) + '/attachments', body)
        .then((response) => response.text().then((text) => {
          if (response.ok) {
            const stored = JSON.parse(text);
            files.querySelectorAll('.duban-empty').forEach((empty) => empty.remove());
            files.appendChild(fileRow(code, stored, person ? person.name : stored.uploadedBy));
          } else {
            problems.push('「' + file.name + '」' + problemText(response.status, text));
          }
        }))
        .catch(() => problems.push('「' + file.name + '」未上传：网络连接中断，请再试一次。'));
    }), Promise.resolve()).then(() => {
      input.value = '';
      input.disabled = false;
      if (problems.length) {
        status.classList.add('duban-upload-problem');
        status.textContent = problems.join(' ');
      } else {
        status.textContent = chosen.length ? '已上传 ' + chosen.length + ' 个文件。' : '';
      }
    });
  });
  return box;
}

function listEvidence(code, files) {
  getJson(ROOT + '/api/items/' + encodeURIComponent(code)).then((detail) => {
    files.replaceChildren();
    if (!detail) {
      files.appendChild(listNote('佐证材料暂时无法读取，请在事项页面查看。'));
      return;
    }
    const names = peopleOf(detail);
    (detail.attachments || []).forEach((file) => files.appendChild(fileRow(code, file, names[file.uploadedBy])));
    if (!files.children.length) {
      files.appendChild(listNote('尚无佐证材料。'));
    }
  });
}

/** Names of the people an item's JSON mentions (it names uploaders by their user id only). */
function peopleOf(detail) {
  const names = {};
  const item = detail.item || {};
  names[item.assignee] = item.assigneeName;
  names[item.leaderId] = item.leaderName;
  (detail.progressReports || []).forEach((report) => { names[report.author] = report.authorName; });
  (detail.timeline || []).forEach((event) => { names[event.actor] = event.actorName; });
  return names;
}

function fileRow(code, file, uploaderName) {
  const row = document.createElement('li');
  const link = document.createElement('a');
  link.href = ROOT + '/api/items/' + encodeURIComponent(code) + '/attachments/' + encodeURIComponent(file.id);
  link.textContent = file.fileName;
  link.setAttribute('download', file.fileName);
  const facts = document.createElement('small');
  facts.textContent = ' ' + [size(file.size), uploaderName || file.uploadedBy, when(file.uploadedAt)]
    .filter(Boolean).join(' · ');
  row.append(link, facts);
  return row;
}

function listNote(text) {
  const note = document.createElement('li');
  note.className = 'duban-empty';
  note.textContent = text;
  return note;
}

function size(bytes) {
  if (bytes < 1024) {
    return bytes + ' 字节';
  }
  return bytes < 1024 * 1024 ? (bytes / 1024).toFixed(1) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

function when(instant) {
  if (!instant) {
    return '';
  }
  const date = new Date(instant);
  const two = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + two(date.getMonth() + 1) + '-' + two(date.getDate()) + ' '
    + two(date.getHours()) + ':' + two(date.getMinutes());
}

// --------------------------------------------------------------------------------------- controls by powers

/**
 * A cadre may claim a task and hand back their own, nothing more (the server refuses the rest since issue 12);
 * webapps.css hides what a cadre cannot use, and this keeps the keyboard from opening it (the fields are focusable).
 */
function guardTaskMeta(event) {
  const classes = document.documentElement.classList;
  if (classes.contains('duban-may-issue')) {
    return;
  }
  const target = event.target instanceof Element ? event.target : null;
  if (target && target.closest('.task-card [cam-tasklist-task-meta] [cam-widget-inline-field], .task-card li.groups > span')) {
    event.preventDefault();
    event.stopPropagation();
  }
}

document.addEventListener('click', guardTaskMeta, true);
document.addEventListener('keydown', guardTaskMeta, true);

// ----------------------------------------------------------------------------------------------- the watcher

onPageChange(() => {
  document.querySelectorAll('.fjs-container').forEach(translateForms);
  quietToasts();
  decorateTask();
});
