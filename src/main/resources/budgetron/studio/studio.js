// budgetron-db studio: one page, no framework, no network beyond this server's /api.
// The address is the state: ?view=&table=&filter=COLUMN:OP:VALUE&sort=COLUMN:asc|desc&offset=&limit=
'use strict';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
};

const state = { view: 'grid', table: null, filters: [], sort: [], offset: 0, limit: 50 };
let info = {};
let meta = null;          // structure of the current table
let page = null;          // the rows shown
let pending = [];         // {op, table, key, values, rowIndex}
let exactAsked = false;

function readAddress() {
  const p = new URLSearchParams(location.search);
  state.view = p.get('view') || 'grid';
  state.table = p.get('table');
  state.filters = p.getAll('filter');
  state.sort = p.getAll('sort');
  state.offset = parseInt(p.get('offset') || '0', 10) || 0;
  state.limit = parseInt(p.get('limit') || '50', 10) || 50;
}

function address(s = state) {
  const p = new URLSearchParams();
  if (s.view && s.view !== 'grid') p.set('view', s.view);
  if (s.table) p.set('table', s.table);
  s.filters.forEach((f) => p.append('filter', f));
  s.sort.forEach((f) => p.append('sort', f));
  if (s.offset) p.set('offset', s.offset);
  if (s.limit !== 50) p.set('limit', s.limit);
  const q = p.toString();
  return q ? '?' + q : location.pathname;
}

function go(change, replace = false) {
  Object.assign(state, change);
  if (replace) history.replaceState(null, '', address()); else history.pushState(null, '', address());
  render();
}

// The token: read once from ?token= (the printed address), kept in this origin's localStorage (browsers keep it apart
// per port: no other local server can read it, and studios side by side each keep their own), sent as a header. No cookie.
const TOKEN_KEY = 'budgetron-studio-token';
function keepToken() {
  const p = new URLSearchParams(location.search);
  if (p.has('token')) {
    localStorage.setItem(TOKEN_KEY, p.get('token'));
    p.delete('token');
    history.replaceState(null, '', p.toString() ? '?' + p.toString() : location.pathname);
  }
}
const token = () => localStorage.getItem(TOKEN_KEY) || '';

async function api(path, options = {}) {
  const headers = Object.assign({ 'X-Studio-Token': token() }, options.headers || {});
  const r = await fetch(path, Object.assign({}, options, { headers, credentials: 'omit' }));
  const text = await r.text();
  let body;
  try { body = JSON.parse(text); } catch (e) { body = { error: text }; }
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

const post = (path, body) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

function showError(e) {
  const box = $('error');
  if (!e) { box.hidden = true; box.textContent = ''; return; }
  box.hidden = false;
  box.textContent = e.message || String(e);
}

function viewQuery(extra = {}) {
  const p = new URLSearchParams();
  state.filters.forEach((f) => p.append('filter', f));
  state.sort.forEach((s) => p.append('sort', s));
  p.set('limit', state.limit);
  p.set('offset', state.offset);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

const tableUrl = (t, what) => '/api/tables/' + encodeURIComponent(t) + (what ? '/' + what : '');

// ---- sidebar -----------------------------------------------------------------------------------

async function loadTables() {
  const { tables } = await api('/api/tables');
  const list = $('tables');
  list.replaceChildren(...tables.map((t) => el('li', { 'data-name': t.name },
    el('a', { href: address({ view: 'grid', table: t.name, filters: [], sort: [], offset: 0, limit: state.limit }), 'data-table': t.name,
      class: t.name === state.table ? 'active' : '',
      onclick: (ev) => { ev.preventDefault(); pending = []; go({ view: 'grid', table: t.name, filters: [], sort: [], offset: 0 }); } },
    el('span', {}, t.name), el('span', { class: 'n' }, (t.rowsExact ? '' : '≈') + t.rows.toLocaleString('en'))))));
  filterTables();
}

function filterTables() {
  const q = $('table-search').value.toLowerCase();
  for (const li of $('tables').children) li.hidden = q && !li.dataset.name.includes(q);
  for (const a of $('tables').querySelectorAll('a')) a.classList.toggle('active', a.dataset.table === state.table);
}

// ---- grid --------------------------------------------------------------------------------------

function columnMeta(name) { return meta.columns.find((c) => c.name === name); }

function headerCell(c) {
  const sort = state.sort.find((s) => s.split(':')[0] === c.name);
  const dir = sort ? sort.split(':')[1] : null;
  const bits = [c.type, c.notNull ? 'not null' : 'null'];
  if (c.defaultExpr) bits.push('default ' + c.defaultExpr);
  if (c.enumLabels.length) bits.push('{' + c.enumLabels.join(', ') + '}');
  if (c.referencesTable) bits.push('→ ' + c.referencesTable + '.' + c.referencesColumn);
  return el('th', { 'data-column': c.name, title: 'Sort by ' + c.name,
    onclick: () => go({ sort: [c.name + ':' + (dir === 'asc' ? 'desc' : 'asc')], offset: 0 }) },
  c.name + (dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''), el('span', { class: 'meta' }, bits.join(' · ')));
}

function keyOf(row) {
  const key = {};
  meta.primaryKey.forEach((k) => { key[k] = row[k] === null ? null : String(row[k]); });
  return key;
}

function sameKey(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

function pendingFor(row) {
  return pending.find((p) => p.op !== 'insert' && p.table === state.table && sameKey(p.key, keyOf(row)));
}

function cell(row, c, rowIndex) {
  const edit = pendingFor(row);
  const changed = edit && edit.values && Object.prototype.hasOwnProperty.call(edit.values, c.name);
  const value = changed ? edit.values[c.name] : row[c.name];
  const cut = page.truncated[rowIndex] && page.truncated[rowIndex].includes(c.name);
  const td = el('td', { 'data-column': c.name, class: (value === null ? 'null ' : '') + (changed ? 'changed' : ''),
    title: value === null ? 'NULL' : String(value) },
  value === null ? 'NULL' : String(value) + (cut ? '…' : ''));
  if (c.referencesTable && value !== null) {
    td.append(el('a', { class: 'fk', title: 'Open the referenced ' + c.referencesTable + ' row',
      href: address({ view: 'grid', table: c.referencesTable, filters: [c.referencesColumn + ':eq:' + value], sort: [], offset: 0, limit: state.limit }),
      onclick: (ev) => { ev.preventDefault(); go({ view: 'grid', table: c.referencesTable, filters: [c.referencesColumn + ':eq:' + value], sort: [], offset: 0 }); } }, '↗'));
  }
  if (!info.readOnly && !cut && meta.primaryKey.length) td.addEventListener('dblclick', () => startEdit(td, row, c, value));
  return td;
}

function renderGrid() {
  const grid = $('grid');
  const cols = meta.columns;
  const head = el('tr', {}, el('th', {}, ''), cols.map(headerCell));
  const body = page.rows.map((row, i) => {
    const edit = pendingFor(row);
    return el('tr', { class: edit && edit.op === 'delete' ? 'deleted' : '', 'data-row': i },
      el('td', { class: 'actions' },
        el('button', { type: 'button', title: 'Details and child rows', onclick: () => showDetails(row) }, '⋯'),
        info.readOnly || !meta.primaryKey.length ? null
          : el('button', { type: 'button', title: 'Delete this row', 'data-action': 'delete', onclick: () => markDelete(row) }, '✕')),
      cols.map((c) => cell(row, c, i)));
  });
  const inserts = pending.filter((p) => p.op === 'insert' && p.table === state.table).map((p) =>
    el('tr', { class: 'inserted' }, el('td', { class: 'actions' }, el('button', { type: 'button', onclick: () => { pending.splice(pending.indexOf(p), 1); refreshPending(); renderGrid(); } }, '✕')),
      cols.map((c) => {
        const has = Object.prototype.hasOwnProperty.call(p.values, c.name);
        const td = el('td', { 'data-column': c.name, class: has ? 'changed' : 'null' }, has ? (p.values[c.name] === null ? 'NULL' : p.values[c.name]) : 'default');
        td.addEventListener('dblclick', () => startEdit(td, null, c, has ? p.values[c.name] : null, p));
        return td;
      })));
  grid.replaceChildren(el('thead', {}, head), el('tbody', {}, body, inserts));
}

async function loadGrid() {
  const [structure, rows] = await Promise.all([
    api(tableUrl(state.table)),
    api(tableUrl(state.table, 'rows') + '?' + viewQuery(exactAsked ? { exact: 'true' } : {})),
  ]);
  meta = structure;
  page = rows;
  $('grid-title').textContent = state.table;
  $('filter-column').replaceChildren(...meta.columns.map((c) => el('option', { value: c.name }, c.name)));
  $('filters').replaceChildren(...state.filters.map((f) => el('span', { class: 'chip' }, f,
    el('button', { type: 'button', title: 'Remove filter', onclick: () => go({ filters: state.filters.filter((x) => x !== f), offset: 0 }) }, '×'))));
  const shown = page.rows.length;
  $('count').textContent = rowCount(page.count, page.countExact) + (page.countExact ? '' : ' (estimate)');
  $('count').dataset.count = page.count;
  $('exact-count').hidden = page.countExact;
  $('range').textContent = shown ? (state.offset + 1) + '–' + (state.offset + shown) : 'no rows';
  $('prev').disabled = state.offset === 0;
  $('next').disabled = shown < state.limit;
  $('limit').value = String(state.limit);
  $('export-csv').dataset.path = tableUrl(state.table, 'export') + '?' + viewQuery({ format: 'csv' });
  $('export-json').dataset.path = tableUrl(state.table, 'export') + '?' + viewQuery({ format: 'json' });
  $('add-row').hidden = info.readOnly;
  $('view-sql').hidden = true;
  $('details').hidden = true;
  renderGrid();
  refreshPending();
}

// ---- editing -----------------------------------------------------------------------------------

function toInputDate(v) { return v ? v.replace(' ', 'T').replace(/\.\d+$/, '') : ''; }
function fromInputDate(v) { return v ? v.replace('T', ' ') : null; }

function editorFor(c, value) {
  if (c.enumLabels.length || c.type === 'boolean') {
    const options = c.enumLabels.length ? c.enumLabels : ['true', 'false'];
    const s = el('select', { class: 'editor' }, !c.notNull ? el('option', { value: '\u0000' }, 'NULL') : null,
      options.map((o) => el('option', { value: o }, o)));
    s.value = value === null ? '\u0000' : String(value);
    return { input: s, read: () => (s.value === '\u0000' ? null : s.value) };
  }
  if (c.type.startsWith('timestamp') || c.type === 'date') {
    const i = el('input', { class: 'editor', type: c.type === 'date' ? 'date' : 'datetime-local', step: '1' });
    i.value = c.type === 'date' ? (value || '') : toInputDate(value);
    return { input: i, read: () => (c.type === 'date' ? (i.value || null) : fromInputDate(i.value)) };
  }
  const i = el('input', { class: 'editor', value: value === null ? '' : String(value) });
  let check = null;
  if (c.kind === 'N') check = /^(smallint|integer|bigint)$/.test(c.type) ? [/^-?\d+$/, 'a whole number'] : [/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'a number'];
  if (c.kind === 'A') check = [/^\{.*\}$/s, 'an array such as {a,b}'];
  if (c.type === 'uuid') check = [/^[0-9a-fA-F-]{36}$/, 'a uuid'];
  const picker = c.referencesTable ? attachPicker(i, c) : null;
  return {
    input: i,
    picker,
    read: () => {
      if (i.value === '' && !c.notNull) return null;
      if (check && !check[0].test(i.value)) throw new Error(c.name + ' must be ' + check[1] + '.');
      return i.value;
    },
  };
}

// A foreign-key picker: the referenced table searched as you type, offered as a datalist (returned:
// the caller puts it in the page next to the input, which is not in the page yet).
function attachPicker(input, c) {
  const id = 'pick-' + c.name;
  const list = el('datalist', { id });
  input.setAttribute('list', id);
  let label = null;
  let latest = 0; // answers can arrive out of order: only the newest search fills the list
  api(tableUrl(c.referencesTable)).then((ref) => {
    const text = ref.columns.find((x) => x.name !== c.referencesColumn && (x.type === 'text' || x.type.startsWith('character')));
    label = text ? text.name : c.referencesColumn;
    search();
  });
  const search = async () => {
    if (!label) return;
    const mine = ++latest;
    const q = input.value && input.value.length < 36 ? '&filter=' + encodeURIComponent(label + ':ilike:%' + input.value + '%') : '';
    const r = await api(tableUrl(c.referencesTable, 'rows') + '?limit=20' + q);
    if (mine !== latest) return;
    list.replaceChildren(...r.rows.map((row) => el('option', { value: row[c.referencesColumn] }, String(row[label]))));
  };
  input.addEventListener('input', search);
  return list;
}

function startEdit(td, row, c, value, insert) {
  if (td.querySelector('.editor')) return;
  const ed = editorFor(c, value);
  const done = (keep) => {
    if (keep) {
      let v;
      try { v = ed.read(); } catch (e) { showError(e); return; }
      showError(null);
      if (insert) insert.values[c.name] = v;
      else {
        let edit = pendingFor(row);
        const original = row[c.name] === null ? null : String(row[c.name]);
        if (v === original) {
          // back to what the row holds: nothing to save for this cell
          if (edit && edit.op === 'update') {
            delete edit.values[c.name];
            if (Object.keys(edit.values).length === 0) pending.splice(pending.indexOf(edit), 1);
          }
        } else {
          if (!edit) { edit = { op: 'update', table: state.table, key: keyOf(row), values: {} }; pending.push(edit); }
          if (edit.op === 'update') edit.values[c.name] = v;
        }
      }
    }
    refreshPending();
    renderGrid();
  };
  ed.input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') done(true); if (ev.key === 'Escape') done(false); });
  const ok = el('button', { type: 'button', 'data-action': 'ok', onclick: () => done(true) }, '✓');
  const nul = c.notNull ? null : el('button', { type: 'button', title: 'Set NULL', onclick: () => { ed.read = () => null; done(true); } }, '∅');
  td.replaceChildren(...[ed.input, ed.picker, ok, nul].filter(Boolean)); // a null would become the text "null"
  ed.input.focus();
}

function markDelete(row) {
  const edit = pendingFor(row);
  if (edit) pending.splice(pending.indexOf(edit), 1);
  if (!edit || edit.op !== 'delete') pending.push({ op: 'delete', table: state.table, key: keyOf(row), values: {} });
  refreshPending();
  renderGrid();
}

function edits() { return pending.map(({ op, table, key, values }) => ({ op, table, key, values })); }

async function refreshPending() {
  $('pending').hidden = pending.length === 0;
  if (!pending.length) return;
  try {
    const r = await post('/api/edits', { edits: edits(), dryRun: true });
    $('pending-sql').textContent = r.sql.join('\n');
  } catch (e) { $('pending-sql').textContent = e.message; }
}

async function save() {
  try {
    await post('/api/edits', { edits: edits() });
    pending = [];
    showError(null);
    await Promise.all([loadGrid(), loadTables()]);
  } catch (e) {
    showError(new Error('Nothing was saved: ' + e.message));
  }
}

// ---- details: a row and its children --------------------------------------------------------------

async function showDetails(row) {
  const box = $('details');
  const p = new URLSearchParams(keyOf(row));
  const r = await api(tableUrl(state.table, 'children') + '?' + p.toString());
  box.hidden = false;
  const parts = [el('h3', {}, state.table + ' ' + Object.values(keyOf(row)).join(', ')),
    el('table', {}, meta.columns.map((c) => el('tr', {}, el('th', {}, c.name), el('td', {}, row[c.name] === null ? 'NULL' : String(row[c.name]))))),
    el('h3', {}, 'Child rows')];
  if (r.children.length === 0) parts.push(el('p', { class: 'muted' }, 'No table references ' + state.table + '.'));
  else parts.push(el('ul', {}, r.children.map((ch) => el('li', {},
    el('a', { href: address({ view: 'grid', table: ch.table, filters: ch.filter, sort: [], offset: 0, limit: state.limit }), 'data-child': ch.table,
      onclick: (ev) => { ev.preventDefault(); go({ view: 'grid', table: ch.table, filters: ch.filter, sort: [], offset: 0 }); } },
    ch.table + ' (' + ch.columns.join(', ') + ')'), ': ' + rowCount(ch.count, ch.countExact)))));
  box.replaceChildren(...parts); // never a null among them: replaceChildren would print it as the text "null"
  box.scrollIntoView({ block: 'nearest' });
}

function rowCount(n, exact = true) { return (exact ? '' : '≈') + n.toLocaleString('en') + (n === 1 ? ' row' : ' rows'); }

// ---- other views -------------------------------------------------------------------------------

async function loadStructure() {
  const s = await api(tableUrl(state.table));
  $('view-structure').replaceChildren(el('h2', {}, 'Structure of ' + s.name),
    el('table', {}, el('tr', {}, ['column', 'type', 'null', 'default', 'values', 'references'].map((h) => el('th', {}, h))),
      s.columns.map((c) => el('tr', {}, el('td', {}, c.name + (s.primaryKey.includes(c.name) ? ' (PK)' : '')), el('td', {}, c.type),
        el('td', {}, c.notNull ? 'not null' : 'null'), el('td', {}, c.defaultExpr || ''), el('td', {}, c.enumLabels.join(', ')),
        el('td', {}, c.referencesTable ? c.referencesTable + '.' + c.referencesColumn : '')))),
    el('h3', {}, 'Constraints'),
    el('table', {}, s.constraints.map((c) => el('tr', {}, el('td', {}, c.name), el('td', {}, c.definition)))),
    el('h3', {}, 'Indexes'),
    s.indexes.length ? el('table', {}, s.indexes.map((i) => el('tr', {}, el('td', {}, i.name), el('td', {}, i.definition))))
      : el('p', { class: 'muted' }, 'No indexes besides those of constraints.'),
    el('h3', {}, 'Referenced by'),
    el('ul', {}, s.referencedBy.map((f) => el('li', {}, f.table + '(' + f.columns.join(', ') + ') ' + f.name + ', on delete ' + f.onDelete))));
}

let zoom = 'fit';
function applyZoom() {
  const svg = $('diagram').querySelector('svg');
  if (!svg) return;
  const w = parseFloat(svg.dataset.width || svg.getAttribute('width'));
  svg.dataset.width = w;
  const scale = zoom === 'fit' ? Math.max(1, $('diagram').clientWidth / w) : zoom;
  svg.setAttribute('width', Math.round(w * scale));
  svg.removeAttribute('height');
  $('zoom-level').textContent = zoom === 'fit' ? 'fit width' : Math.round(zoom * 100) + ' %';
}

async function loadDiagram() {
  const r = await fetch('/api/diagram.svg', { headers: { 'X-Studio-Token': token() }, credentials: 'omit' });
  if (!r.ok) throw new Error('The diagram failed: HTTP ' + r.status);
  const svg = new DOMParser().parseFromString(await r.text(), 'image/svg+xml').documentElement;
  if (!svg.getAttribute('viewBox')) svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
  $('diagram').replaceChildren(document.importNode(svg, true));
  applyZoom();
  for (const a of $('diagram').querySelectorAll('a[data-table]')) {
    a.addEventListener('click', (ev) => { ev.preventDefault(); go({ view: 'grid', table: a.dataset.table, filters: [], sort: [], offset: 0 }); });
  }
}

async function loadHistory(drift) {
  const h = await api('/api/history' + (drift ? '?drift=true' : ''));
  $('history').replaceChildren(
    el('h3', {}, h.pending.length ? h.pending.length + ' pending' : 'Nothing pending'),
    el('ul', {}, h.pending.map((p) => el('li', {}, p.id + ' (' + p.file + ')'))),
    el('h3', {}, h.applied.length + ' applied'),
    el('table', {}, el('tr', {}, el('th', {}, 'when'), el('th', {}, 'changeset'), el('th', {}, 'how'), el('th', {}, 'file')),
      h.applied.map((a) => el('tr', {}, el('td', {}, a.executedAt), el('td', {}, a.id), el('td', {}, a.execType), el('td', {}, a.file)))));
  if (h.drift) {
    $('drift').replaceChildren(h.drift.drift
      ? el('div', { class: 'error' }, 'Drift: the schema differs from what the applied changesets build (- history, + database):\n' + h.drift.differences.join('\n'))
      : el('p', { class: 'ok' }, 'No drift: the live schema matches what its applied changesets build.'));
  }
}

async function runSql() {
  const status = $('console-status');
  status.textContent = 'running…';
  $('console-result').replaceChildren();
  try {
    const r = await post('/api/sql', { sql: $('console-sql').value });
    showError(null);
    if (r.columns) {
      $('console-result').replaceChildren(el('tr', {}, r.columns.map((c) => el('th', {}, c))),
        ...r.rows.map((row) => el('tr', {}, r.columns.map((c) => el('td', { class: row[c] === null ? 'null' : '' }, row[c] === null ? 'NULL' : String(row[c]))))));
      status.textContent = r.rows.length + (r.more ? '+' : '') + ' rows in ' + r.millis + ' ms' + (r.readOnly ? ' (read-only)' : '');
    } else {
      status.textContent = r.updated + ' rows changed in ' + r.millis + ' ms' + (r.readOnly ? ' (read-only: rolled back)' : '');
    }
  } catch (e) {
    status.textContent = '';
    showError(e);
  }
}

// ---- wiring ------------------------------------------------------------------------------------

async function render() {
  document.body.dataset.loading = 'true';
  showError(null);
  for (const a of $('views').querySelectorAll('a')) a.classList.toggle('active', a.dataset.view === state.view);
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + state.view;
  filterTables();
  try {
    const picked = Boolean(state.table);
    for (const id of ['filter-form', 'grid-toolbar']) $(id).hidden = !picked;
    $('add-row').hidden = info.readOnly || !picked;
    if ((state.view === 'grid' || state.view === 'structure') && !picked) {
      $('grid-title').textContent = 'Pick a table';
      $('grid').replaceChildren();
      $('details').hidden = true;
      return;
    }
    if (state.view === 'console' && !info.console) {
      $('console-status').textContent = 'The SQL console is off: ' + info.access + '.';
    }
    if (state.view === 'grid') await loadGrid();
    if (state.view === 'structure') await loadStructure();
    if (state.view === 'diagram') await loadDiagram();
    if (state.view === 'history') await loadHistory(false);
  } catch (e) {
    showError(e);
  } finally {
    exactAsked = false;
    delete document.body.dataset.loading;
  }
}

function wire() {
  for (const a of $('views').querySelectorAll('a')) a.addEventListener('click', (ev) => { ev.preventDefault(); go({ view: a.dataset.view }); });
  $('table-search').addEventListener('input', filterTables);
  $('filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const op = $('filter-op').value;
    const f = $('filter-column').value + ':' + op + (op === 'null' || op === 'notnull' ? '' : ':' + $('filter-value').value);
    $('filter-value').value = '';
    go({ filters: state.filters.concat([f]), offset: 0 });
  });
  $('prev').addEventListener('click', () => go({ offset: Math.max(0, state.offset - state.limit) }));
  $('next').addEventListener('click', () => go({ offset: state.offset + state.limit }));
  $('limit').addEventListener('change', () => go({ limit: parseInt($('limit').value, 10), offset: 0 }));
  $('exact-count').addEventListener('click', () => { exactAsked = true; render(); });
  $('refresh').addEventListener('click', () => { loadTables(); render(); });
  $('show-sql').addEventListener('click', async () => {
    const r = await api(tableUrl(state.table, 'sql') + '?' + viewQuery());
    $('view-sql').hidden = false;
    $('view-sql').textContent = r.sql;
  });
  $('add-row').addEventListener('click', () => { pending.push({ op: 'insert', table: state.table, key: {}, values: {} }); refreshPending(); renderGrid(); });
  $('save').addEventListener('click', save);
  $('discard').addEventListener('click', () => { pending = []; refreshPending(); renderGrid(); });
  $('check-drift').addEventListener('click', () => loadHistory(true).catch(showError));
  for (const id of ['export-csv', 'export-json']) {
    $(id).addEventListener('click', async (ev) => {
      ev.preventDefault();
      try {
        // a download cannot carry the header: a single-use ticket for this one address
        const path = $(id).dataset.path;
        const { ticket } = await post('/api/tickets', { for: path });
        location.href = path + '&ticket=' + encodeURIComponent(ticket);
      } catch (e) { showError(e); }
    });
  }
  $('zoom-fit').addEventListener('click', () => { zoom = 'fit'; applyZoom(); });
  $('zoom-in').addEventListener('click', () => { zoom = (zoom === 'fit' ? 1 : zoom) * 1.25; applyZoom(); });
  $('zoom-out').addEventListener('click', () => { zoom = (zoom === 'fit' ? 1 : zoom) / 1.25; applyZoom(); });
  $('zoom-100').addEventListener('click', () => { zoom = 1; applyZoom(); });
  window.addEventListener('resize', () => { if (zoom === 'fit') applyZoom(); });
  $('run-sql').addEventListener('click', runSql);
  $('console-sql').addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) runSql(); });
  window.addEventListener('popstate', () => { readAddress(); render(); });
}

async function start() {
  keepToken();
  readAddress();
  wire();
  try {
    info = await api('/api/info');
    $('env').textContent = info.environment + (info.readOnly ? ' · read-only' : '');
    $('env').classList.toggle('readonly', info.readOnly);
    $('database').textContent = info.database;
    $('console-link').hidden = !info.console;
    await loadTables();
  } catch (e) { showError(e); }
  await render();
  document.body.dataset.ready = 'true';
}

start();
