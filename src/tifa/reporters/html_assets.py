"""The page, style sheet and script of the HTML report (see :mod:`tifa.reporters.html`), inlined into every report.

The script reads the JSON blob, fills in the totals and the bar charts, and renders the
findings table a page at a time from the filtered list, so the page stays quick with tens of
thousands of findings. It builds every cell with ``textContent``: no text from a report is
ever parsed as HTML. When the first page is on screen it sets the performance mark
``tifa-report-ready`` and ``data-ready`` on the body (the benchmark and the tests wait for it).
"""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header><h1>tifa report</h1><p id="meta"></p></header>
<section id="totals" class="cards"></section>
<section id="errors" hidden><h2>Files that could not be checked</h2><ul></ul></section>
<section class="charts">
<div><h2>Findings per rule</h2><div id="chart-rules" class="chart"></div></div>
<div><h2>Findings per file</h2><div id="chart-files" class="chart"></div></div>
</section>
<nav class="tabs">
<button type="button" id="tab-findings" class="active">Findings</button>
<button type="button" id="tab-entries">Terms that go wrong most</button>
</nav>
<section id="view-findings">
<form id="filters" onsubmit="return false">
<label>Rule <select id="filter-rule"><option value="">all rules</option></select></label>
<label>Severity <select id="filter-severity"><option value="">all</option></select></label>
<label>File <select id="filter-file"><option value="">all files</option></select></label>
<label>Term <select id="filter-entry"><option value="">all terms</option></select></label>
<label class="grow">Search
<input id="search" type="search" placeholder="words in the sentence, message or file"></label>
</form>
<p class="pager"><span id="shown-count"></span>
<button type="button" id="page-prev">&larr; previous</button> <span id="page-label"></span>
<button type="button" id="page-next">next &rarr;</button></p>
<table id="findings"><thead><tr><th>File</th><th>Line</th><th>Rule</th><th>Severity</th>
<th>Sentence</th><th>Suggestion</th><th>Glossary source</th></tr></thead><tbody></tbody></table>
</section>
<section id="view-entries" hidden>
<p>Glossary entries ranked by their findings; the forms seen are the texts flagged. Choose one to list its findings.</p>
<table id="entries"><thead><tr><th>Findings</th><th>Chinese</th><th>Standard rendering</th><th>Forms seen</th>
<th>Source</th></tr></thead><tbody></tbody></table>
</section>
<script id="tifa-data" type="application/json">{data}</script>
<script>{script}</script>
</body>
</html>
"""

CSS = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #1f5fa8; --line: #d9d9de; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1rem 1.5rem; max-width: 1400px; color: #1d1d1f; }
h1 { margin: 0; font-size: 1.6rem; } h2 { font-size: 1rem; margin: .5rem 0; }
#meta { color: var(--muted); margin: .2rem 0 1rem; }
.cards { display: flex; gap: .8rem; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.5rem; }
.card.error b { color: var(--error); } .card.warning b { color: var(--warning); } .card.info b { color: var(--info); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; margin: 1rem 0; }
.bar { display: grid; grid-template-columns: 14rem 1fr 4rem; gap: .5rem; align-items: center; cursor: pointer;
  margin: 2px 0; }
.bar .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar .fill { height: 14px; background: #4a6fa5; border-radius: 3px; min-width: 2px; }
.bar .count { text-align: right; font-variant-numeric: tabular-nums; }
.bar:hover .fill { background: #2d4f80; }
.tabs button { font: inherit; padding: .4rem 1rem; border: 1px solid var(--line); background: #f5f5f7;
  cursor: pointer; }
.tabs button.active { background: #fff; border-bottom-color: #fff; font-weight: 600; }
#filters { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0 .5rem; align-items: end; }
#filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
#filters select, #filters input { font: inherit; padding: .25rem; max-width: 20rem; }
#filters .grow { flex: 1; } #filters .grow input { max-width: none; }
.pager { display: flex; gap: .6rem; align-items: center; }
#shown-count { font-weight: 600; margin-right: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f5f5f7; position: sticky; top: 0; }
#findings th:nth-child(1) { width: 14%; } #findings th:nth-child(2) { width: 5%; }
#findings th:nth-child(3) { width: 6%; } #findings th:nth-child(4) { width: 7%; }
#findings th:nth-child(5) { width: 38%; } #findings th:nth-child(6) { width: 14%; }
mark { background: #ffe08a; padding: 0 1px; }
.sev-error { color: var(--error); font-weight: 600; } .sev-warning { color: var(--warning); font-weight: 600; }
.sev-info { color: var(--info); }
.msg { color: var(--muted); font-size: .85rem; display: block; }
.tag { font-size: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; margin-left: .3rem; }
.source { font-size: .8rem; color: var(--muted); max-height: 4.5em; overflow: hidden; }
#entries tbody tr { cursor: pointer; } #entries tbody tr:hover { background: #f5f5f7; }
"""

SCRIPT = r"""
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("tifa-data").textContent);
  const SEVERITIES = ["info", "warning", "error"];
  const PAGE_SIZE = 200;
  const rows = data.findings;
  const state = { rule: "", severity: "", file: "", entry: "", search: "", page: 0, shown: rows };
  let haystacks = null;
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function count(key) {
    const counts = new Map();
    for (const row of rows) counts.set(row[key], (counts.get(row[key]) || 0) + 1);
    return counts;
  }
  function option(select, value, label) {
    const node = el("option", label);
    node.value = String(value);
    select.appendChild(node);
  }

  function totals() {
    $("meta").textContent = data.tool + ", " + data.generated;
    const bySeverity = count(4);
    const cards = [["findings", "Findings", rows.length, ""], ["error", "Errors", bySeverity.get(2) || 0, "error"],
      ["warning", "Warnings", bySeverity.get(1) || 0, "warning"], ["info", "Info", bySeverity.get(0) || 0, "info"],
      ["files", "Files with findings", count(0).size, ""], ["checked", "Files checked", data.files.length, ""]];
    for (const [key, label, value, kind] of cards) {
      const card = el("div", null, "card " + kind);
      const number = el("b", value.toLocaleString("en"));
      number.id = "count-" + key;
      number.dataset.value = String(value);
      card.append(number, el("span", label));
      $("totals").appendChild(card);
    }
    if (data.errors.length) {
      $("errors").hidden = false;
      for (const error of data.errors) $("errors").querySelector("ul").appendChild(el("li", error));
    }
  }

  function bars(container, counts, label, onPick, limit) {
    const items = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (!items.length) container.appendChild(el("p", "No findings.", "msg"));
    const top = items.length ? items[0][1] : 1;
    for (const [key, value] of items.slice(0, limit)) {
      const bar = el("div", null, "bar");
      bar.dataset.key = String(key);
      const fill = el("div", null, "fill");
      fill.style.width = (100 * value / top).toFixed(1) + "%";
      const name = el("span", label(key), "label");
      name.title = label(key);
      bar.append(name, el("div", null, "track"), el("span", value.toLocaleString("en"), "count"));
      bar.children[1].appendChild(fill);
      bar.addEventListener("click", () => onPick(key));
      container.appendChild(bar);
    }
    if (items.length > limit) container.appendChild(el("p", (items.length - limit) + " more", "msg"));
  }

  function ruleLabel(index) {
    const code = data.codes[index];
    const rule = data.rules[code];
    return rule ? code + " " + rule.name : code;
  }
  function shortPath(path) {
    return path.length > 48 ? "\u2026" + path.slice(-47) : path;
  }
  function entryLabel(index) {
    const entry = data.entries[index];
    return entry.en + (entry.zh ? " (" + entry.zh + ")" : "");
  }

  function filters() {
    const codes = [...count(3).keys()].sort((a, b) => a - b);
    for (const index of codes) option($("filter-rule"), index, ruleLabel(index));
    for (const severity of [2, 1, 0]) option($("filter-severity"), severity, SEVERITIES[severity]);
    data.files.forEach((file, index) => option($("filter-file"), index, shortPath(file)));
    data.entries.forEach((entry, index) => option($("filter-entry"), index, entryLabel(index)));
    for (const [id, key] of [["filter-rule", "rule"], ["filter-severity", "severity"], ["filter-file", "file"],
      ["filter-entry", "entry"]]) {
      $(id).addEventListener("change", () => { state[key] = $(id).value; apply(); });
    }
    let timer = 0;
    $("search").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.search = $("search").value.trim().toLowerCase(); apply(); }, 150);
    });
    $("page-prev").addEventListener("click", () => { state.page -= 1; renderPage(); });
    $("page-next").addEventListener("click", () => { state.page += 1; renderPage(); });
  }

  function pick(id, key, value) {
    $(id).value = String(value);
    state[key] = String(value);
    showView("findings");
    apply();
  }

  function haystack(row) {
    return [data.files[row[0]], data.codes[row[3]], row[5], row[6], row[7], row[8], row[9]].join("\n").toLowerCase();
  }

  function apply() {
    const rule = state.rule === "" ? -1 : Number(state.rule);
    const severity = state.severity === "" ? -1 : Number(state.severity);
    const file = state.file === "" ? -1 : Number(state.file);
    const entry = state.entry === "" ? -2 : Number(state.entry);
    if (state.search && haystacks === null) haystacks = rows.map(haystack);
    const shown = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if ((rule < 0 || row[3] === rule) && (severity < 0 || row[4] === severity) && (file < 0 || row[0] === file)
        && (entry < -1 || row[10] === entry) && (!state.search || haystacks[i].includes(state.search))) shown.push(row);
    }
    state.shown = shown;
    state.page = 0;
    renderPage();
  }

  function cell(tr, text, className) {
    const td = el("td", text, className);
    tr.appendChild(td);
    return td;
  }

  function sourceCell(tr, source) {
    const box = el("div", source, "source");
    box.title = source;
    cell(tr).appendChild(box);
  }

  function renderRow(row) {
    const tr = el("tr");
    const code = data.codes[row[3]];
    tr.dataset.code = code;
    tr.dataset.severity = SEVERITIES[row[4]];
    cell(tr, data.files[row[0]]);
    cell(tr, row[1] + ":" + row[2]);
    cell(tr, code).title = data.rules[code] ? data.rules[code].name : "";
    const severity = cell(tr, SEVERITIES[row[4]], "sev-" + SEVERITIES[row[4]]);
    if (row[12]) severity.appendChild(el("span", "suppressed", "tag"));
    const sentence = cell(tr);
    sentence.append(row[6], el("mark", row[7]), row[8], el("span", row[5], "msg"));
    const suggestion = cell(tr, row[9]);
    if (row[11]) suggestion.appendChild(el("span", row[11] + " fix", "tag"));
    const entry = row[10] >= 0 ? data.entries[row[10]] : null;
    sourceCell(tr, entry ? entry.source : "");
    return tr;
  }

  function renderPage() {
    const pages = Math.max(1, Math.ceil(state.shown.length / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    const start = state.page * PAGE_SIZE;
    const body = document.createElement("tbody");
    for (const row of state.shown.slice(start, start + PAGE_SIZE)) body.appendChild(renderRow(row));
    $("findings").replaceChild(body, $("findings").tBodies[0]);
    $("shown-count").textContent = state.shown.length.toLocaleString("en") + " of " + rows.length.toLocaleString("en")
      + " findings shown";
    $("shown-count").dataset.value = String(state.shown.length);
    $("page-label").textContent = "page " + (state.page + 1) + " of " + pages;
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages - 1;
  }

  function entriesView() {
    const groups = new Map();
    for (const row of rows) {
      if (row[10] < 0) continue;
      const group = groups.get(row[10]) || { count: 0, forms: new Map() };
      group.count += 1;
      const form = row[7].toLowerCase();
      group.forms.set(form, (group.forms.get(form) || 0) + 1);
      groups.set(row[10], group);
    }
    const ranked = [...groups.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 500);
    const body = $("entries").tBodies[0];
    for (const [index, group] of ranked) {
      const entry = data.entries[index];
      const tr = el("tr");
      tr.dataset.entry = entry.id;
      const forms = [...group.forms.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4)
        .map(([form, n]) => "\u201c" + form + "\u201d \u00d7" + n).join(", ");
      for (const text of [group.count, entry.zh, entry.en, forms]) cell(tr, text);
      sourceCell(tr, entry.source);
      tr.addEventListener("click", () => pick("filter-entry", "entry", index));
      body.appendChild(tr);
    }
  }

  function showView(name) {
    $("view-findings").hidden = name !== "findings";
    $("view-entries").hidden = name !== "entries";
    $("tab-findings").classList.toggle("active", name === "findings");
    $("tab-entries").classList.toggle("active", name === "entries");
  }

  totals();
  bars($("chart-rules"), count(3), ruleLabel, (key) => pick("filter-rule", "rule", key), 30);
  bars($("chart-files"), count(0), (key) => shortPath(data.files[key]), (key) => pick("filter-file", "file", key), 20);
  filters();
  renderPage();
  entriesView();
  $("tab-findings").addEventListener("click", () => showView("findings"));
  $("tab-entries").addEventListener("click", () => showView("entries"));
  performance.mark("tifa-report-ready");
  document.body.dataset.ready = "1";
})();
"""
