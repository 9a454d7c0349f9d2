// Search page: runs the reader's query against the Pagefind index built with
// the site (pagefind/), in the browser, with no server. The form is a plain
// GET form, so the address always holds the query and filters: a search can
// be bookmarked and shared, and reloading shows the same results.
//
// Everything shown comes from the index, which holds text contributors wrote:
// it is inserted as text, never as HTML. Only Pagefind's <mark> highlights are
// turned into elements.

const PAGE = 20; // results shown at a time
const FIELDS = ["q", "kind", "rating", "person"];

const root = document.getElementById("search");
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-list");
const more = document.getElementById("search-more");
const badges = document.getElementById("search-badges");

let pagefind = null; // the loaded module, or a rejected promise's reason
let run = 0; // the latest search; older ones stop when they see it changed
let pending = []; // results not yet shown
let timer = 0;

// text returns root's data-t-NAME string with {n} and {q} filled in.
function text(name, n, q) {
  let s = root.dataset["t" + name] || "";
  if (n !== undefined) {
    const plural = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
    s = root.dataset["t" + name + (plural === "one" ? "One" : "Other")] || s;
  }
  return s.replace("{n}", String(n)).replace("{q}", q || "");
}

async function load() {
  if (!pagefind) {
    pagefind = import(root.dataset.pagefind).then(async (pf) => {
      await pf.options({ baseUrl: root.dataset.base || "/", excerptLength: 24 });
      await pf.init();
      return pf;
    });
  }
  return pagefind;
}

function values() {
  const data = new FormData(form);
  const v = {};
  for (const f of FIELDS) v[f] = String(data.get(f) || "").trim();
  return v;
}

function filters(v) {
  const f = {};
  for (const k of ["kind", "rating", "person"]) if (v[k]) f[k] = v[k];
  return f;
}

// decode turns the entities Pagefind writes in excerpts back into text: it
// escapes only < and > (an & stays as it is in the page's text).
function decode(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

// excerpt builds a paragraph from Pagefind's excerpt: text, with <mark>
// around the matched words and nothing else interpreted.
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "search-excerpt";
  html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach((part) => {
    const m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    if (m) {
      const mark = document.createElement("mark");
      mark.textContent = decode(m[1]);
      p.append(mark);
    } else if (part) {
      p.append(decode(part.replace(/<[^>]*>/g, "")));
    }
  });
  return p;
}

function badge(id) {
  const span = badges && badges.content.querySelector('[data-rating="' + CSS.escape(id) + '"]');
  return span ? span.firstElementChild.cloneNode(true) : null;
}

function item(d) {
  const li = document.createElement("li");
  li.className = "search-item";
  const kind = document.createElement("p");
  kind.className = "search-kind";
  kind.textContent = (d.meta && d.meta.kind) || "";
  const h = document.createElement("h3");
  const a = document.createElement("a");
  // Result addresses are the site's own pages; anything else is dropped.
  const url = new URL(d.url, location.href);
  a.href = url.origin === location.origin ? url.pathname + url.hash : "#";
  a.textContent = (d.meta && d.meta.title) || url.pathname;
  h.append(a);
  li.append(kind, h);
  const b = d.meta && d.meta.rating_id ? badge(d.meta.rating_id) : null;
  if (b) {
    const p = document.createElement("p");
    p.className = "search-rating";
    p.append(b);
    li.append(p);
  }
  li.append(excerpt(d.excerpt || ""));
  return li;
}

async function showMore(id) {
  const next = pending.splice(0, PAGE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (id !== run) return;
  for (const d of data) list.append(item(d));
  more.hidden = pending.length === 0;
}

async function search() {
  const id = ++run;
  const v = values();
  const f = filters(v);
  list.replaceChildren();
  more.hidden = true;
  pending = [];
  if (!v.q && Object.keys(f).length === 0) {
    status.textContent = text("Prompt");
    return;
  }
  status.textContent = text("Loading");
  let pf;
  try {
    pf = await load();
  } catch (e) {
    status.textContent = text("Unavailable");
    return;
  }
  const res = await pf.search(v.q || null, { filters: f });
  if (id !== run || !res) return; // a newer search took over
  pending = res.results.slice();
  const n = pending.length;
  await showMore(id);
  if (id !== run) return;
  // The status line changes last, when the first results are on the page:
  // screen readers announce it, and it tells tests the results are there.
  if (n === 0) status.textContent = text("None");
  else if (v.q) status.textContent = text("", n, v.q);
  else status.textContent = text("All", n);
}

// sync writes the form's values into the address, without reloading.
function sync() {
  const v = values();
  const params = new URLSearchParams();
  for (const f of FIELDS) if (v[f]) params.set(f, v[f]);
  const q = params.toString();
  history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
}

function fill() {
  const params = new URLSearchParams(location.search);
  for (const f of FIELDS) {
    const el = form.elements.namedItem(f);
    const v = params.get(f);
    if (el && v !== null) el.value = v;
  }
}

if (root && form) {
  fill();
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    sync();
    search();
  });
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      sync();
      search();
    }, 200);
  });
  more.addEventListener("click", () => showMore(run));
  search();
}
