// The clerks' page: vanilla JS against /api. The key lives in sessionStorage only (gone with the tab).
'use strict';
const $ = (id) => document.getElementById(id);
const stateNames = { queued: 'đang chờ', running: 'đang tạo', done: 'đã xong', failed: 'lỗi' };
let polling = null;
let watched = null; // the request whose status is shown; an answer about an earlier one is dropped

function key() { return sessionStorage.getItem('reporting.key') || ''; }

async function api(path, options = {}) {
  const headers = Object.assign({ 'Authorization': 'Bearer ' + key() }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let message = 'Lỗi ' + response.status;
    try { const body = await response.json(); message = body.message + ' [' + body.code + ']'; } catch (_) { /* not json */ }
    throw new Error(message);
  }
  return response;
}

function showError(e) { $('error').textContent = e ? e.message : ''; }

async function loadUnits() {
  const units = await (await api('/api/units')).json();
  for (const select of [$('unit'), $('inputs-unit')]) {
    select.replaceChildren();
    for (const u of units) {
      const option = document.createElement('option');
      option.value = u.code;
      option.textContent = u.kind === 'province' ? 'Báo cáo tổng hợp của tỉnh (' + u.code + ')' : u.name + ' (' + u.code + ')';
      select.appendChild(option);
    }
  }
}

async function useKey() {
  showError(null);
  try {
    await loadUnits();
    $('key-state').textContent = 'Khóa hợp lệ.';
    await loadHistory();
  } catch (e) {
    $('key-state').textContent = '';
    showError(e);
  }
}

function downloadButton(id, format) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'download';
  button.textContent = format === 'pdf' ? 'Tải PDF' : 'Tải Excel';
  button.addEventListener('click', () => download(id, format).catch(showError));
  return button;
}

async function download(id, format) {
  await saveFile(await api('/api/reports/' + encodeURIComponent(id) + '/' + format), 'bao-cao.' + format);
}

async function saveFile(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain ? plain[1] : fallback);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function showStatus(report) {
  const name = stateNames[report.state] || report.state;
  $('status').textContent = 'Yêu cầu ' + report.id.slice(0, 8) + ': ' + name + ' (' + report.progress + '%)'
    + (report.stage ? ' – ' + report.stage : '') + (report.reused ? ' – dùng lại báo cáo đã tạo' : '')
    + (report.error ? ' – ' + report.error.message : '');
  $('progress').value = report.progress;
  const box = $('downloads');
  box.innerHTML = '';
  if (report.state === 'done') {
    for (const format of report.formats) { box.appendChild(downloadButton(report.id, format)); }
  }
}

async function poll(id) {
  clearTimeout(polling);
  watched = id;
  try {
    // ?wait=2: the server answers as soon as the report is done (or after 2 s with the progress so far).
    const report = await (await api('/api/reports/' + encodeURIComponent(id) + '?wait=2')).json();
    if (watched !== id) { return; }
    showStatus(report);
    if (report.state === 'queued' || report.state === 'running') {
      polling = setTimeout(() => poll(id), 100);
    } else {
      await loadHistory();
    }
  } catch (e) { showError(e); }
}

async function submitRequest(event) {
  event.preventDefault();
  showError(null);
  const kind = $('kind').value;
  const body = {
    kind,
    unit: $('unit').value,
    formats: Array.from(document.querySelectorAll('input[name=format]:checked')).map((c) => c.value),
  };
  if (kind === 'adhoc') { body.from = $('from').value; body.to = $('to').value; } else { body.period = $('period').value.trim(); }
  try {
    const response = await api('/api/reports', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const accepted = await response.json();
    $('status').textContent = 'Đã nhận yêu cầu ' + accepted.id.slice(0, 8) + '.';
    $('progress').value = 0;
    $('downloads').innerHTML = '';
    poll(accepted.id);
  } catch (e) { showError(e); }
}

async function loadHistory() {
  const page = await (await api('/api/reports?pageSize=20')).json();
  const body = $('history').querySelector('tbody');
  body.innerHTML = '';
  for (const r of page.items) {
    const row = document.createElement('tr');
    for (const text of [new Date(r.createdAt).toLocaleString('vi-VN'), r.unit, r.period, (stateNames[r.state] || r.state) + ' ' + r.progress + '%']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    }
    const files = document.createElement('td');
    if (r.state === 'done') { for (const f of r.formats) { files.appendChild(downloadButton(r.id, f)); } }
    row.appendChild(files);
    body.appendChild(row);
  }
}

function kindChanged() {
  const adhoc = $('kind').value === 'adhoc';
  $('dates-box').hidden = !adhoc;
  $('period-box').hidden = adhoc;
}

// ---- Unit inputs: a form built from the definition JSON; every text goes in as text (textContent, value). ----
const inputs = { target: null, fields: [] };

function inputsPath(suffix) {
  const t = inputs.target;
  return '/api/inputs/' + encodeURIComponent(t.unit) + '/' + encodeURIComponent(t.kind) + '/' + encodeURIComponent(t.period) + (suffix || '');
}

function inputsMessage(text, isError) {
  $('inputs-state').textContent = isError ? '' : text;
  $('inputs-error').textContent = isError ? text : '';
}

function control(field, id) {
  let element;
  if (field.type === 'narrative') {
    element = document.createElement('textarea');
    element.rows = 6;
  } else {
    element = document.createElement('input');
    element.type = field.type === 'date' ? 'date' : 'text';
    if (field.type === 'integer' || field.type === 'percentage') { element.inputMode = 'decimal'; }
  }
  if (field.maxLength) { element.maxLength = field.maxLength; }
  element.id = id;
  element.name = field.code;
  return element;
}

function buildForm(definition) {
  const box = $('inputs-fields');
  box.replaceChildren();
  inputs.fields = [];
  const groups = [['Nội dung đơn vị viết', (f) => f.type === 'narrative'], ['Chỉ tiêu của đơn vị', (f) => f.type !== 'narrative']];
  for (const [legendText, belongs] of groups) {
    const set = document.createElement('fieldset');
    set.className = 'group';
    const legend = document.createElement('legend');
    legend.textContent = legendText;
    set.appendChild(legend);
    for (const field of definition.fields.filter(belongs)) {
      const i = inputs.fields.length;
      const wrap = document.createElement('div');
      wrap.className = 'field';
      const label = document.createElement('label');
      label.htmlFor = 'in-' + i;
      label.textContent = field.code + ' ' + field.label + (field.unitOfMeasure ? ' (' + field.unitOfMeasure + ')' : '') + (field.required ? ' *' : '');
      const help = document.createElement('span');
      help.className = 'field-help';
      help.id = 'help-' + i;
      help.textContent = field.help;
      const element = control(field, 'in-' + i);
      element.setAttribute('aria-describedby', 'help-' + i + ' err-' + i);
      const error = document.createElement('span');
      error.className = 'field-error';
      error.id = 'err-' + i;
      error.setAttribute('aria-live', 'polite');
      const meta = document.createElement('span');
      meta.className = 'field-meta';
      wrap.append(label, help, element, error, meta);
      set.appendChild(wrap);
      inputs.fields.push({ field, element, error, meta, wrap });
    }
    box.appendChild(set);
  }
}

function shown(field, value) {
  return field.type === 'percentage' ? value.replace('.', ',') : value;
}

function showInputs(view) {
  for (const f of inputs.fields) {
    const value = view.values[f.field.code];
    f.element.value = value === undefined ? '' : shown(f.field, value);
    const stamp = view.updated[f.field.code];
    f.meta.textContent = stamp ? 'Cập nhật ' + new Date(stamp.at).toLocaleString('vi-VN') + ' bởi ' + stamp.by : '';
    f.error.textContent = '';
    f.wrap.classList.remove('invalid');
  }
  const list = $('inputs-missing');
  list.replaceChildren();
  for (const m of view.missing) {
    const item = document.createElement('li');
    item.textContent = 'Còn thiếu (bắt buộc): ' + m.code + ' ' + m.label;
    list.appendChild(item);
  }
}

function showFieldErrors(body) {
  let first = null;
  for (const e of body.errors) {
    const f = inputs.fields.find((x) => x.field.code === e.field);
    const where = e.sheet ? ' (' + e.sheet + ', dòng ' + e.row + ')' : '';
    if (f) {
      f.error.textContent = e.message + ' [' + e.code + ']' + where;
      f.wrap.classList.add('invalid');
      first = first || f;
    }
  }
  const unplaced = body.errors.filter((e) => !inputs.fields.some((x) => x.field.code === e.field));
  inputsMessage(body.message + unplaced.map((e) => ' ' + e.field + ': ' + e.message + ' [' + e.code + ']').join(''), true);
  if (first) { first.element.focus(); }
}

// The change history of the open inputs (who changed what, when, from what to what), newest first on the page.
const inputActions = { edit: 'sửa trên trang', import: 'nhập sổ Excel', copy_forward: 'sao chép từ kỳ trước', seed: 'dữ liệu mẫu' };

function shortValue(code, value) {
  if (value === null || value === undefined) return '(trống)';
  const f = inputs.fields.find((x) => x.field.code === code);
  const text = f ? shown(f.field, value) : value;
  return text.length > 120 ? text.slice(0, 120) + '…' : text;
}

async function loadInputsHistory() {
  const history = await (await api(inputsPath('/history'))).json();
  const body = $('inputs-history').tBodies[0];
  body.replaceChildren();
  for (const c of history.changes.slice().reverse()) {
    const row = body.insertRow();
    const at = new Date(c.at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
    for (const text of [at, c.label, shortValue(c.field, c.oldValue), shortValue(c.field, c.newValue), c.author, inputActions[c.action] || c.action]) {
      row.insertCell().textContent = text;
    }
  }
  $('inputs-history-box').hidden = history.changes.length === 0;
}

async function inputsCall(path, options) {
  const headers = Object.assign({ 'Authorization': 'Bearer ' + key() }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  let body = null;
  try { body = await response.json(); } catch (_) { /* not json */ }
  return { response, body };
}

async function afterChange(call, doneText) {
  const { response, body } = await call;
  for (const f of inputs.fields) { f.error.textContent = ''; f.wrap.classList.remove('invalid'); }
  if (response.ok) {
    showInputs(body);
    const warnings = (body.warnings || []).join(' ');
    inputsMessage(doneText(body) + (body.ready ? ' Đủ các nội dung bắt buộc.' : ' Còn thiếu ' + body.missing.length + ' nội dung bắt buộc.') + (warnings ? ' ' + warnings : ''), false);
    await loadInputsHistory();
  } else if (body && body.errors) {
    showFieldErrors(body);
  } else {
    inputsMessage(body ? body.message + ' [' + body.code + ']' : 'Lỗi ' + response.status, true);
  }
}

async function openInputs(event) {
  event.preventDefault();
  inputsMessage('', false);
  inputs.target = { unit: $('inputs-unit').value, kind: $('inputs-kind').value, period: $('inputs-period').value.trim() };
  try {
    const definition = await (await api('/api/inputs/definition?kind=' + encodeURIComponent(inputs.target.kind))).json();
    const view = await (await api(inputsPath())).json();
    buildForm(definition);
    showInputs(view);
    $('inputs-form').hidden = false;
    inputsMessage('Nhập liệu của ' + view.unitName + ', ' + view.periodLabel + ' (mẫu ' + definition.version + ').', false);
    await loadInputsHistory();
  } catch (e) {
    $('inputs-form').hidden = true;
    $('inputs-history-box').hidden = true;
    inputsMessage(e.message, true);
  }
}

async function saveInputs(event) {
  event.preventDefault();
  const values = {};
  for (const f of inputs.fields) {
    const text = f.element.value;
    values[f.field.code] = text.trim() === '' ? null : text;
  }
  await afterChange(inputsCall(inputsPath(), {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(values),
  }), (view) => 'Đã lưu: ' + view.changed.length + ' trường thay đổi.');
}

async function copyForward() {
  await afterChange(inputsCall(inputsPath('/copy-forward'), { method: 'POST' }),
    (view) => 'Đã sao chép từ kỳ ' + view.copiedFrom + ': ' + view.changed.length + ' trường.');
}

async function uploadWorkbook() {
  const file = $('inputs-file').files[0];
  if (!file) { inputsMessage('Chọn tệp sổ Excel đã điền trước.', true); return; }
  await afterChange(inputsCall(inputsPath('/workbook'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: await file.arrayBuffer(),
  }), (view) => 'Đã nhập sổ: ' + view.changed.length + ' trường thay đổi.');
}

$('inputs-open').addEventListener('submit', openInputs);
$('inputs-form').addEventListener('submit', (e) => saveInputs(e).catch((x) => inputsMessage(x.message, true)));
$('inputs-copy').addEventListener('click', () => copyForward().catch((x) => inputsMessage(x.message, true)));
$('inputs-download').addEventListener('click', () => api(inputsPath('/workbook'))
  .then((r) => saveFile(r, 'nhap-lieu.xlsx')).catch((x) => inputsMessage(x.message, true)));
$('inputs-upload').addEventListener('click', () => uploadWorkbook().catch((x) => inputsMessage(x.message, true)));

$('key-form').addEventListener('submit', (e) => { e.preventDefault(); sessionStorage.setItem('reporting.key', $('key').value.trim()); useKey(); });
$('forget').addEventListener('click', () => { sessionStorage.removeItem('reporting.key'); $('key').value = ''; $('key-state').textContent = 'Đã xóa khóa.'; });
$('request-form').addEventListener('submit', submitRequest);
$('refresh').addEventListener('click', () => loadHistory().catch(showError));
$('kind').addEventListener('change', kindChanged);
kindChanged();
if (key()) { $('key').value = key(); useKey(); }
