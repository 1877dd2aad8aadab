// The landing page's behaviour. Everything goes through the service's public endpoints, as any
// client's requests would; without this script the forms still submit to them directly.
'use strict';

const VOTABLE_TD = 'votable/td';
const EXTENSIONS = {'votable': 'vot', 'votable/td': 'vot', 'csv': 'csv', 'tsv': 'tsv', 'json': 'json', 'fits': 'fits'};

/** The service root as this page was reached, so that the snippets name the host the reader sees. */
const serviceRoot = new URL('.', document.baseURI).href;

/**
 * A VOTable document in TABLEDATA as {fields, rows, status, message}. An error document (TAP's
 * QUERY_STATUS=ERROR, also in SCS answers) has no table, only the status and its message.
 */
function parseVotable(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) {
    throw new Error('the answer is not a VOTable: ' + text.slice(0, 200));
  }
  const byTag = (node, tag) => Array.from(node.getElementsByTagNameNS('*', tag));
  let status = 'OK';
  let message = '';
  for (const info of byTag(doc, 'INFO')) {
    if (info.getAttribute('name') === 'QUERY_STATUS') {
      status = info.getAttribute('value');
      message = info.textContent.trim() || info.getAttribute('value');
    }
  }
  const fields = byTag(doc, 'FIELD').map(f => ({
    name: f.getAttribute('name'),
    unit: f.getAttribute('unit') || '',
    numeric: !['char', 'unicodeChar', 'boolean'].includes(f.getAttribute('datatype')),
  }));
  const rows = byTag(doc, 'TR').map(tr => byTag(tr, 'TD').map(td => td.textContent));
  return {fields, rows, status, message};
}

/** The message of a failed request: the VOTable's if it sent one, else the HTTP status and text. */
function failure(response, text) {
  try {
    const parsed = parseVotable(text);
    if (parsed.status === 'ERROR') {
      return parsed.message;
    }
  } catch (notXml) {
    // A plain-text answer: shown as it is below.
  }
  return 'HTTP ' + response.status + ': ' + (text.trim() || response.statusText);
}

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function showError(region, message) {
  region.replaceChildren(element('p', {class: 'error', role: 'alert'}, 'Error: ' + message));
}

/** Writes a parsed result into the region: a summary line, then the rows as a table. */
function showTable(region, result, maxrec, millis) {
  const summary = element('p', {class: 'summary'},
      result.rows.length + (result.rows.length === 1 ? ' row' : ' rows') + ' in ' + millis + ' ms.');
  const parts = [summary];
  if (result.status === 'OVERFLOW') {
    parts.push(element('p', {class: 'warning'}, 'The result was cut at ' + (maxrec || 'the service\'s default')
        + ' rows (QUERY_STATUS=OVERFLOW); raise MAXREC to see more.'));
  }
  const table = element('table', {class: 'data result-table'});
  const head = element('tr');
  for (const f of result.fields) {
    const th = element('th', {scope: 'col'}, f.name);
    if (f.unit) {
      th.append(element('span', {class: 'unit'}, ' (' + f.unit + ')'));
    }
    head.append(th);
  }
  table.append(element('thead'), element('tbody'));
  table.tHead.append(head);
  for (const row of result.rows) {
    const tr = element('tr');
    row.forEach((cell, i) => tr.append(element('td', result.fields[i].numeric ? {class: 'num'} : {}, cell)));
    table.tBodies[0].append(tr);
  }
  const wrapper = element('div', {class: 'scroll', tabindex: '0', 'aria-label': 'query result'});
  wrapper.append(table);
  parts.push(wrapper);
  region.replaceChildren(...parts);
}

/** Runs a request, then shows its VOTable in the region or what went wrong. */
async function fetchTable(region, url, init, maxrec) {
  region.setAttribute('aria-busy', 'true');
  region.replaceChildren(element('p', {class: 'summary'}, 'Running…'));
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok) {
      showError(region, failure(response, text));
      return;
    }
    const result = parseVotable(text);
    if (result.status === 'ERROR') {
      showError(region, result.message);
    } else {
      showTable(region, result, maxrec, Math.round(performance.now() - started));
    }
  } catch (e) {
    showError(region, e.message);
  } finally {
    region.removeAttribute('aria-busy');
  }
}

function queryParameters(form, format) {
  const p = new URLSearchParams(new FormData(form));
  p.set('RESPONSEFORMAT', format);
  if (!p.get('MAXREC')) {
    p.delete('MAXREC');
  }
  return p;
}

/** Fetches the result in the chosen format and hands it to the browser as a file. */
async function download(form, region) {
  const format = form.elements.RESPONSEFORMAT.value;
  try {
    const response = await fetch(form.action, {method: 'POST', body: queryParameters(form, format)});
    if (!response.ok) {
      showError(region, failure(response, await response.text()));
      return;
    }
    const link = element('a', {href: URL.createObjectURL(await response.blob()),
      download: 'alphatap-result.' + (EXTENSIONS[format] || 'dat')});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    region.replaceChildren(element('p', {class: 'summary'}, 'Downloaded ' + link.download + '.'));
  } catch (e) {
    showError(region, e.message);
  }
}

function setUpQueryForm() {
  const form = document.getElementById('adql-form');
  const region = document.getElementById('query-result');
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (event.submitter && event.submitter.id === 'download') {
      download(form, region);
    } else {
      fetchTable(region, form.action, {method: 'POST', body: queryParameters(form, VOTABLE_TD)},
          form.elements.MAXREC.value);
    }
  });
  document.getElementById('adql').addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(document.getElementById('run'));
    }
  });
}

/** The examples of /tap/examples (DALI, XHTML with RDFa) in a list that loads one into the form. */
async function setUpExamples() {
  const select = document.getElementById('example');
  const button = document.getElementById('load-example');
  try {
    const response = await fetch('tap/examples');
    const doc = new DOMParser().parseFromString(await response.text(), 'application/xhtml+xml');
    const examples = Array.from(doc.querySelectorAll('[typeof="example"]')).map(e => ({
      name: e.querySelector('[property="name"]').textContent.trim(),
      query: e.querySelector('[property="query"]').textContent.trim(),
    }));
    select.replaceChildren(...examples.map((e, i) => element('option', {value: String(i)}, e.name)));
    select.disabled = button.disabled = examples.length === 0;
    button.addEventListener('click', () => {
      document.getElementById('adql').value = examples[Number(select.value)].query;
      document.getElementById('adql').focus();
    });
  } catch (e) {
    select.replaceChildren(element('option', {}, 'the examples could not be read: ' + e.message));
  }
}

function setUpConeForm() {
  const form = document.getElementById('cone-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const p = new URLSearchParams(new FormData(form));
    p.set('RESPONSEFORMAT', VOTABLE_TD);
    fetchTable(document.getElementById('cone-result'), form.action + '?' + p, {}, '');
  });
}

/** The figures and their links follow the element chosen: plots/NAME-EL.png becomes plots/NAME-KEY.png. */
function setUpFigures() {
  const select = document.getElementById('element');
  const forElement = (url, key) => url.replace(/-\w+\.(png|svg)$/, '-' + key + '.$1');
  select.addEventListener('change', () => {
    const key = select.value;
    const symbol = select.options[select.selectedIndex].text;
    document.querySelectorAll('img[data-plot]').forEach(img => {
      img.src = forElement(img.getAttribute('src'), key);
      img.alt = img.alt.replace(/\[\w+\/Fe\]/g, '[' + symbol + '/Fe]');
    });
    document.querySelectorAll('a[data-plot]').forEach(a => {
      a.href = forElement(a.getAttribute('href'), key);
    });
  });
}

function fillServiceUrls() {
  const tap = new URL('tap', serviceRoot).href;
  document.querySelectorAll('.tap-url').forEach(e => { e.textContent = tap; });
  document.querySelectorAll('.service-url').forEach(e => { e.textContent = serviceRoot; });
}

fillServiceUrls();
setUpFigures();
setUpQueryForm();
setUpConeForm();
setUpExamples();
