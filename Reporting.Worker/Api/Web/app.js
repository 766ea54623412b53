// The clerks' page: vanilla JS against /api. The key lives in sessionStorage only (gone with the tab).
'use strict';
const $ = (id) => document.getElementById(id);
const stateNames = { queued: 'đang chờ', running: 'đang tạo', done: 'đã xong', failed: 'lỗi' };
let polling = null;

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
  const select = $('unit');
  select.innerHTML = '';
  for (const u of units) {
    const option = document.createElement('option');
    option.value = u.code;
    option.textContent = u.name + ' (' + u.code + ')';
    select.appendChild(option);
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
  const response = await api('/api/reports/' + encodeURIComponent(id) + '/' + format);
  const disposition = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain ? plain[1] : 'bao-cao.' + format);
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
  try {
    const report = await (await api('/api/reports/' + encodeURIComponent(id))).json();
    showStatus(report);
    if (report.state === 'queued' || report.state === 'running') {
      polling = setTimeout(() => poll(id), 700);
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

$('key-form').addEventListener('submit', (e) => { e.preventDefault(); sessionStorage.setItem('reporting.key', $('key').value.trim()); useKey(); });
$('forget').addEventListener('click', () => { sessionStorage.removeItem('reporting.key'); $('key').value = ''; $('key-state').textContent = 'Đã xóa khóa.'; });
$('request-form').addEventListener('submit', submitRequest);
$('refresh').addEventListener('click', () => loadHistory().catch(showError));
$('kind').addEventListener('change', kindChanged);
kindChanged();
if (key()) { $('key').value = key(); useKey(); }
