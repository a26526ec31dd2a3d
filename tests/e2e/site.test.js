// End-to-end tests of the built example registry in a real browser
// (Debian's headless Chromium driven by playwright-core): full-text search
// in both languages, catalogue filters with their URL state, comparison,
// and the same by keyboard alone.
//
// The site is built from the bundled example (`cargo run --release --
// build`) into a temporary folder and served over HTTP by a small static
// server here (pagefind loads its index with fetch, which file:// forbids).
// Run: `cd tests/e2e && npm ci && npm test`.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const P003 = "pomoshch-semyam-v-slozhnoy-situatsii";
let site, server, base, browser;
const consoleErrors = [];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

before(async () => {
  site = mkdtempSync(join(tmpdir(), "dokaz-e2e-"));
  // Two pages per search shard: each language's index comes in two
  // shards (Warm Home in the second), so searches go through pagefind's
  // mergeIndex as on a large registry.
  execFileSync("cargo", ["run", "--release", "--quiet", "--", "build", "--root", repo, "--out", join(site, "out")], {
    cwd: repo,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DOKAZ_SEARCH_SHARD_PAGES: "2" },
  });
  const out = join(site, "out");
  server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(out, path));
    if (!file.startsWith(out)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html" }).end(readFileSync(join(out, "404.html")));
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
  assert.deepEqual(consoleErrors, [], "no console errors on any page");
});

async function page(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const p = await context.newPage();
  p.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${p.url()}: ${m.text()}`);
  });
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  return p;
}

/** Presses Tab until `selector` has focus (keyboard-only navigation). */
async function tabTo(p, selector, max = 250) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press("Tab");
    if (await p.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`${selector} never got focus by Tab`);
}

async function resultHrefs(p) {
  return p.$$eval("#results li a", (as) => as.map((a) => a.getAttribute("href")));
}

async function cardIds(p) {
  return p.$$eval("#cards .card button.compare-toggle", (bs) => bs.map((b) => b.dataset.compare).sort());
}

test("a Russian query in an inflected form finds the 003 practice (stemming)", async () => {
  const p = await page();
  await p.goto(`${base}/search/index.html`);
  // «семьями» does not occur on the 003 page; «семья», «семьи», «семьям» do.
  const html = readFileSync(join(site, "out/practices", P003, "index.html"), "utf8");
  assert.ok(!/семьями(?![а-я])/.test(html), "the query form must not occur literally");
  await p.fill("#search-q", "семьями");
  await p.press("#search-q", "Enter");
  await p.waitForSelector("#results li a");
  const hrefs = await resultHrefs(p);
  assert.ok(hrefs.some((h) => h.includes(`practices/${P003}/`)), hrefs.join());
  // Excerpts highlight the match.
  assert.ok((await p.$$("#results li .excerpt mark")).length > 0);
  // The live region says how many were found, and the URL carries the query.
  assert.match(await p.textContent("#count"), /\d/);
  assert.match(decodeURIComponent(p.url()), /q=семьями/);
  await p.context().close();
});

test("an English query finds Warm Home on the English search page only", async () => {
  const p = await page();
  const shards = JSON.parse(readFileSync(join(site, "out/pagefind/shards.json"), "utf8"));
  assert.deepEqual(shards.en, ["en-0", "en-1"]);
  await p.goto(`${base}/en/search/index.html?q=shelters`);
  await p.waitForSelector("#results li a");
  const hrefs = await resultHrefs(p);
  assert.ok(hrefs.some((h) => h.includes("en/practices/warm-home/")), hrefs.join());
  assert.ok(hrefs.every((h) => h.includes("/en/")), "English UI searches English pages: " + hrefs.join());
  await p.context().close();
});

test("search filters narrow the results", async () => {
  const p = await page();
  await p.goto(`${base}/en/search/index.html?q=mothers`);
  await p.waitForSelector("#results li a");
  await p.check("#f-language-en");
  await p.waitForFunction(() => /language=en/.test(location.search));
  await p.waitForSelector("#results li a");
  const hrefs = await resultHrefs(p);
  assert.ok(hrefs.length > 0);
  assert.ok(hrefs.every((h) => /warm-home|mother-house/.test(h)), hrefs.join());
  // Values of one facet are alternatives: Russian still counts its results.
  await p.waitForFunction(() => Number(document.querySelector("label[for='f-language-ru'] .n")?.textContent) > 0);
  await p.context().close();
});

test("catalogue: a parent target group and an evidence level show exactly the expected practices; URL, reload and back keep it", async () => {
  const p = await page();
  await p.goto(`${base}/practices/index.html`);
  await p.waitForSelector("#filters:not([hidden])");
  // One card per practice: Warm Home is «Тёплый дом»'s translation.
  assert.deepEqual(await cardIds(p), ["mother-house", P003, "teplyi-dom"].sort());
  // "Women in crisis" is a parent term: its practices are tagged with its children.
  await p.check("#f-target-groups-women-in-crisis");
  await p.waitForFunction(() => /target-groups=women-in-crisis/.test(location.search));
  assert.deepEqual(await cardIds(p), ["mother-house", "teplyi-dom"]);
  // «Тёплый дом» is the one practice verified (advanced, 2022, seed 001).
  await p.check("#f-evidence-results-advanced");
  await p.waitForFunction(() => /evidence-results=advanced/.test(location.search));
  const expected = ["teplyi-dom"];
  assert.deepEqual(await cardIds(p), expected);
  assert.match(await p.textContent("#count"), /1/);
  // Counts of other values update with the filters.
  assert.equal((await p.textContent("label[for='f-target-groups-women-in-crisis'] .n")).trim(), "1");
  const url = p.url();
  await p.reload();
  await p.waitForSelector("#filters:not([hidden])");
  assert.deepEqual(await cardIds(p), expected);
  assert.ok(await p.isChecked("#f-evidence-results-advanced"));
  // Open a practice, come back: the filtered view is still there.
  await p.click("#cards .card a[href*='teplyi-dom']");
  await p.waitForURL(/teplyi-dom/);
  await p.goBack();
  await p.waitForSelector("#filters:not([hidden])");
  assert.equal(p.url(), url);
  assert.deepEqual(await cardIds(p), expected);
  // Back once more undoes the last filter.
  await p.goBack();
  await p.waitForFunction(() => !/evidence-results/.test(location.search));
  assert.deepEqual(await cardIds(p), ["mother-house", "teplyi-dom"]);
  await p.context().close();
});

test("catalogue: words from the header box (no-JS target) and sorting by date, kept in the URL", async () => {
  const p = await page();
  await p.goto(`${base}/practices/index.html?q=%D0%B4%D0%BE%D0%BC&sort=updated`);
  await p.waitForSelector("#filters:not([hidden])");
  const data = JSON.parse(readFileSync(join(site, "out/practices/catalogue.json"), "utf8"));
  const expected = data.practices
    .filter((x) => (x.title + " " + x.summary + " " + x.org).toLocaleLowerCase().includes("дом"))
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.title.localeCompare(b.title, "ru")))
    .map((x) => x.id);
  assert.ok(expected.length >= 2 && expected.length < data.practices.length);
  const shown = await p.$$eval("#cards .card button.compare-toggle", (bs) => bs.map((b) => b.dataset.compare));
  assert.deepEqual(shown, expected);
  assert.equal(await p.inputValue("#sort"), "updated");
  await p.selectOption("#sort", "evidence");
  await p.waitForFunction(() => /sort=evidence/.test(location.search));
  await p.context().close();
});

test("compare: two practices chosen in the catalogue side by side with their indicators", async () => {
  const p = await page();
  await p.goto(`${base}/en/practices/index.html`);
  await p.waitForSelector("button.compare-toggle[data-compare='mother-house']:not([hidden])");
  await p.click(`button.compare-toggle[data-compare='${P003}']`);
  await p.click("button.compare-toggle[data-compare='mother-house']");
  assert.equal(await p.getAttribute("button.compare-toggle[data-compare='mother-house']", "aria-pressed"), "true");
  // The selection is remembered on other pages.
  await p.goto(`${base}/en/practices/warm-home/index.html`);
  await p.waitForSelector("#compare-tray:not([hidden])");
  assert.match(await p.textContent("#compare-go"), /2/);
  await p.click("#compare-go");
  await p.waitForSelector("table.compare");
  assert.match(p.url(), new RegExp(`p=${P003},mother-house`));
  const heads = await p.$$eval("table.compare thead th a", (as) => as.map((a) => a.textContent));
  assert.equal(heads.length, 2);
  const text = await p.textContent("table.compare");
  // 003's first indicator, latest year: 31 of 37 families.
  assert.match(text, /83\s?%\s?\(31 \/ 37\)/);
  // The link can be sent: a fresh browser opens the same comparison.
  const shared = p.url();
  const q = await page();
  await q.goto(shared);
  await q.waitForSelector("table.compare");
  assert.equal((await q.$$("table.compare thead th a")).length, 2);
  await q.context().close();
  await p.context().close();
});

test("keyboard alone: search, open a result, add it to the comparison", async () => {
  const p = await page();
  await p.goto(`${base}/index.html`);
  await tabTo(p, "#q");
  await p.keyboard.type("семьями");
  await p.keyboard.press("Enter");
  await p.waitForURL(/search\/index\.html\?q=/);
  await p.waitForSelector("#results li a");
  await tabTo(p, `#results li a[href*='${P003}']`);
  await p.keyboard.press("Enter");
  await p.waitForURL(new RegExp(P003));
  await p.waitForSelector("button.compare-toggle:not([hidden])");
  await tabTo(p, "button.compare-toggle");
  await p.keyboard.press("Space");
  assert.equal(await p.getAttribute("button.compare-toggle", "aria-pressed"), "true");
  await tabTo(p, "#compare-go");
  await p.keyboard.press("Enter");
  await p.waitForURL(/compare\/index\.html\?p=/);
  await p.waitForSelector("table.compare");
  // Filters by keyboard in the catalogue.
  await p.goto(`${base}/practices/index.html`);
  await p.waitForSelector("#filters:not([hidden])");
  await tabTo(p, "#f-language-en");
  await p.keyboard.press("Space");
  await p.waitForFunction(() => /language=en/.test(location.search));
  // Both can be read in English: Mother House, and «Тёплый дом» in its
  // English version.
  assert.deepEqual(await cardIds(p), ["mother-house", "teplyi-dom"]);
  // Focus stays on the checkbox the reader used.
  assert.equal(await p.evaluate(() => document.activeElement.id), "f-language-en");
  await p.context().close();
});

/** axe-core on the page as the script left it: serious and critical only.
 * axe is evaluated through the DevTools protocol: an inline script tag
 * (addScriptTag) is what the site's Content-Security-Policy refuses. */
async function axeViolations(p) {
  await p.evaluate(axeSource);
  const result = await p.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return result;
}

test("practice page: a focused node of the theory-of-change diagram highlights what leads to it and what it leads to (toc-diagram.js)", async () => {
  const p = await page();
  await p.goto(`${base}/practices/${P003}/index.html`);
  const node = "svg.toc-diagram a.node[data-node='a:a-child-support']";
  await p.waitForSelector(node);
  await p.focus(node);
  await p.waitForSelector("svg.toc-diagram.is-tracing");
  const lit = await p.$$eval("svg.toc-diagram .node.hl", (ns) => ns.map((n) => n.getAttribute("data-node")));
  assert.ok(lit.includes("a:a-child-support"), lit.join());
  // A result the activity leads to, and the target group it serves.
  assert.ok(lit.includes("r:r-child-attends"), lit.join());
  assert.ok(lit.some((k) => k.startsWith("g:")), lit.join());
  const edge = "svg.toc-diagram .edge[data-from='a:a-child-support'][data-to='r:r-child-attends']";
  assert.equal(await p.$eval(edge, (e) => e.classList.contains("hl")), true);
  // Leaving the node ends the tracing.
  await p.$eval(node, (n) => n.blur());
  assert.equal(await p.$eval("svg.toc-diagram", (s) => s.classList.contains("is-tracing")), false);
  await p.context().close();
});

test("practice page: the diagram is an overview that fits, opens at full size and zooms by keyboard, and prints on one landscape page", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  for (const prefix of ["", "en/"]) {
    await p.goto(`${base}/${prefix}practices/${P003}/index.html`);
    await p.waitForSelector("figure.diagram.is-overview .diagram-tools");
    // The overview is wholly inside the viewport's width and the box's.
    const fits = await p.$eval("figure.diagram", (f) => {
      const svg = f.querySelector("svg.toc-diagram").getBoundingClientRect();
      const box = f.querySelector(".diagram-scroll").getBoundingClientRect();
      return svg.left >= box.left - 1 && svg.right <= box.right + 1 && svg.right <= window.innerWidth && svg.height > 0;
    });
    assert.ok(fits, `${prefix}: the overview fits`);
    // Full size by keyboard, then zoom with + and −, 0 back to the overview.
    await p.focus("figure.diagram .diagram-full");
    await p.keyboard.press("Enter");
    await p.waitForSelector("figure.diagram:not(.is-overview)");
    assert.equal(await p.getAttribute("figure.diagram", "data-scale"), "100");
    await p.focus("figure.diagram .diagram-scroll");
    await p.keyboard.press("+");
    assert.equal(await p.getAttribute("figure.diagram", "data-scale"), "125");
    await p.click("figure.diagram .diagram-zoom-out");
    assert.equal(await p.getAttribute("figure.diagram", "data-scale"), "100");
    const wide = await p.$eval("svg.toc-diagram", (s) => s.getBoundingClientRect().width);
    assert.ok(wide > 1280, `full size is wider than the page (${wide})`);
    await p.focus("figure.diagram .diagram-scroll");
    await p.keyboard.press("0");
    await p.waitForSelector("figure.diagram.is-overview");
    // The buttons have names; axe finds nothing with the viewer open or closed.
    const names = await p.$$eval(".diagram-tools button", (bs) => bs.map((b) => b.getAttribute("aria-label")));
    assert.ok(names.length >= 3 && names.every((n) => n && n.length > 1), names.join());
    assert.deepEqual(await axeViolations(p), [], `${prefix}: overview`);
    await p.click("figure.diagram .diagram-full");
    assert.deepEqual(await axeViolations(p), [], `${prefix}: full size`);
  }
  // Print: the diagram is on a page of its own, within an A4 landscape
  // page's printable height (19 cm = 718 px) and width (27.7 cm = 1047 px).
  await p.setViewportSize({ width: 1047, height: 718 });
  await p.goto(`${base}/practices/${P003}/index.html`);
  await p.emulateMedia({ media: "print" });
  const printed = await p.$eval("figure.diagram", (f) => {
    const r = f.querySelector("svg.toc-diagram").getBoundingClientRect();
    const style = getComputedStyle(f);
    // The section's heading starts the landscape page; the diagram follows it there.
    const h = getComputedStyle(document.getElementById("logic-model-h"));
    return { w: r.width, h: r.height, shown: style.display !== "none", before: h.breakBefore, page: style.page, hpage: h.page };
  });
  assert.ok(printed.shown, "the diagram is printed");
  assert.equal(printed.before, "page");
  assert.equal(printed.page, "diagram");
  assert.equal(printed.hpage, "diagram");
  assert.ok(printed.h > 300 && printed.h <= 718 && printed.w <= 1047, JSON.stringify(printed));
  await context.close();
});

test("practice page at 390 px: the key facts come first, every dimension's verified level is in the viewport, and no chart or table cell overflows its box", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  for (const path of [`practices/${P003}/`, "practices/teplyi-dom/", "practices/mother-house/", "en/practices/warm-home/"]) {
    await p.goto(`${base}/${path}index.html`);
    // No horizontal scroll of the page itself.
    assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, `${path}: page width`);
    // The strip is above the evidence section and names a verified-or-not state per dimension.
    const order = await p.evaluate(() => {
      const k = document.querySelector(".key-facts").getBoundingClientRect().top;
      const e = document.querySelector("#evidence").getBoundingClientRect().top;
      return { k, e, levels: document.querySelectorAll(".kf-levels dd").length };
    });
    assert.ok(order.k < order.e && order.levels >= 4, `${path}: ${JSON.stringify(order)}`);
    // Every dimension's verified cell (label and value) lies inside the viewport's width.
    const cells = await p.$$eval("table.evidence tbody tr", (rows) =>
      rows.map((tr) => {
        const td = tr.querySelector("td[data-label]:nth-of-type(2)");
        const r = td.getBoundingClientRect();
        const label = getComputedStyle(td, "::before").content;
        return { left: r.left, right: r.right, w: r.width, label, text: td.textContent.trim() };
      }),
    );
    assert.ok(cells.length >= 4, `${path}: ${cells.length} dimensions`);
    for (const c of cells) {
      assert.ok(c.left >= 0 && c.right <= 390 && c.w > 0 && c.text.length > 0, `${path}: ${JSON.stringify(c)}`);
      assert.match(c.label, /Подтверждено|Verified/, `${path}: the cell says what it is`);
    }
    // No table cell and no chart is wider than its box.
    const overflow = await p.evaluate(() => {
      const bad = [];
      for (const w of document.querySelectorAll(".practice .table-wrap, .hchart, .chart-box, .key-facts .kf")) {
        if (w.scrollWidth > w.clientWidth + 1) bad.push(`${w.className}: ${w.scrollWidth} > ${w.clientWidth}`);
        const r = w.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) bad.push(`${w.className}: right ${r.right}`);
      }
      for (const t of document.querySelectorAll(".hchart .hb-label, .hchart .hb-value, .single-value")) {
        const r = t.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) bad.push(`text ${t.textContent}: right ${r.right}`);
        if (parseFloat(getComputedStyle(t).fontSize) < 12) bad.push(`text ${t.textContent}: font ${getComputedStyle(t).fontSize}`);
      }
      return bad;
    });
    assert.deepEqual(overflow, [], path);
  }
  assert.deepEqual(await axeViolations(p), [], "390 px: Warm Home");
  await context.close();
});

test("practice page printed: 003's fact sheet is at most four A4 pages before the narrative, with the findings and the numbers", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(`${base}/practices/${P003}/index.html`);
  await p.emulateMedia({ media: "print" });
  const pdf = join(site, "003.pdf");
  await p.pdf({ path: pdf, format: "A4", printBackground: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  const text = (n) => execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });
  let narrative = 0;
  for (let n = 1; n <= pages && !narrative; n++) {
    if (/^\s*Описание\s*\n\s*Описание практики/.test(text(n))) narrative = n;
  }
  assert.ok(narrative > 1, `the narrative starts a page (of ${pages})`);
  assert.ok(narrative - 1 <= 4, `${narrative - 1} pages before the narrative`);
  const sheet = Array.from({ length: narrative - 1 }, (_, i) => text(i + 1)).join("\n");
  // Key facts, the rule findings expanded, the diagram, the indicators' numbers.
  for (const want of ["Подтверждено экспертами", "83 %", "Что нашли правила", "выполнено", "Логическая модель", "Показатели", "26", "32"]) {
    assert.ok(sheet.includes(want), `the fact sheet has «${want}»`);
  }
  // Navigation chrome is not printed.
  assert.ok(!sheet.includes("Найти") && !sheet.includes("Открытые данные"), "no header or footer");
  await context.close();
});

test("compare at 390 px: three practices read as three cards, label above value", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  await p.goto(`${base}/compare/index.html?p=${P003},mother-house,teplyi-dom`);
  await p.waitForSelector(".compare-card");
  const view = await p.evaluate(() => ({
    table: getComputedStyle(document.querySelector("table.compare")).display,
    cards: Array.from(document.querySelectorAll(".compare-card")).map((c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, right: r.right, title: c.querySelector("h2").textContent, rows: c.querySelectorAll("dt").length };
    }),
    width: document.documentElement.scrollWidth,
  }));
  assert.equal(view.table, "none");
  assert.equal(view.cards.length, 3);
  for (const c of view.cards) assert.ok(c.left >= 0 && c.right <= 390 && c.rows >= 8, JSON.stringify(c));
  assert.ok(view.width <= 390, `page width ${view.width}`);
  // The card's remove button works as the table's does.
  await p.click(`.compare-card button.compare-toggle[data-compare='mother-house']`);
  await p.waitForFunction(() => document.querySelectorAll(".compare-card").length === 2);
  assert.deepEqual(await axeViolations(p), []);
  await context.close();
});

test("search hits show the organization and the verified level; the header box keeps the query", async () => {
  const p = await page();
  await p.goto(`${base}/search/index.html?q=${encodeURIComponent("семьями")}`);
  await p.waitForSelector("#results li .hit-facts");
  const hit = await p.$eval(`#results li:has(a[href*='${P003}'])`, (li) => ({
    org: li.querySelector(".hit-org")?.textContent,
    badge: li.querySelector(".badge")?.textContent,
  }));
  assert.equal(hit.org, "Благотворительный фонд «Волонтёры в помощь детям-сиротам»");
  assert.equal(hit.badge, "Экспертами пока не подтверждено");
  assert.equal(await p.inputValue("#q"), "семьями", "the header box");
  // A verified practice's hit names its levels.
  await p.goto(`${base}/search/index.html?q=${encodeURIComponent("Тёплый дом")}`);
  await p.waitForSelector("#results li a[href*='teplyi-dom'] ");
  await p.waitForSelector("#results li .badge.is-verified");
  assert.match(await p.textContent("#results li .badge.is-verified"), /Подтверждено экспертами: Продвинутый/);
  await p.context().close();
});

test("practice page at 390 px: the effect's chain lists every result on 003's chain to its effect and nothing outside it; another result's chain by its row", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await context.newPage();
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  await p.goto(`${base}/practices/${P003}/index.html`);
  await p.waitForSelector("#chain .chain-pick select");
  const data = JSON.parse(readFileSync(join(site, `out/data/practices/${P003}.json`), "utf8")).practice;
  // The logic model's own answer: what the effect comes from, transitively.
  const from = {};
  data.results.forEach((r) => (from[r.id] = r.from));
  const results = new Set(data.results.map((r) => r.id));
  function ancestors(id) {
    const on = new Set(), stack = [id];
    while (stack.length) {
      const k = stack.pop();
      if (on.has(k)) continue;
      on.add(k);
      (from[k] || []).forEach((m) => stack.push(m));
    }
    return [...on].filter((k) => results.has(k)).sort();
  }
  const effect = data.results.find((r) => r.level === "effect").id;
  const shown = async () =>
    (await p.$$eval("#chain .chain-steps a[href^='#r-']", (as) => as.map((a) => a.getAttribute("href").slice(3)))).sort();
  assert.deepEqual(await shown(), ancestors(effect));
  // The script draws it (the server sends only the heading): the texts are
  // the results' own, their wrapped lines joined again with spaces.
  const effectText = data.results.find((r) => r.level === "effect").text;
  assert.equal((await p.textContent("#chain .chain-result")).trim(), effectText);
  const texts = await p.$$eval("#chain .chain-steps a[href^='#r-']", (as) => as.map((a) => a.textContent));
  assert.deepEqual(texts.slice().sort(), ancestors(effect).map((id) => data.results.find((r) => r.id === id).text).sort());
  // It fits the phone.
  const right = await p.$eval("#chain", (s) => s.getBoundingClientRect().right);
  assert.ok(right <= 390, `the chain view fits (${right})`);
  // Another result, from its row in the logic model.
  const other = data.results.find((r) => r.level === "short").id;
  await p.click(`#logic-model tr#r-${other} .chain-how`);
  await p.waitForFunction((k) => document.querySelector("#chain-pick").value === "r:" + k, other);
  assert.deepEqual(await shown(), ancestors(other));
  await context.close();
});

test("map: a cell opens the catalogue with exactly its practices; a row expands to its subgroups", async () => {
  const p = await page();
  for (const prefix of ["", "en/"]) {
    const data = JSON.parse(readFileSync(join(site, `out/${prefix}practices/catalogue.json`), "utf8"));
    await p.goto(`${base}/${prefix}map/index.html`);
    // Subgroup rows are folded; opening a row shows its children.
    const parent = await p.$("table.gap-map tr[data-expands] button.map-expand");
    assert.ok(parent, "a row that expands");
    const id = await parent.evaluate((b) => b.closest("tr").getAttribute("data-row"));
    const child = `table.gap-map tr[data-parent='${id}']`;
    assert.equal(await p.$eval(child, (r) => r.hidden), true);
    await parent.click();
    assert.equal(await p.$eval(child, (r) => r.hidden), false);
    assert.equal(await parent.getAttribute("aria-expanded"), "true");
    // Every non-empty cell of the first rows: the catalogue it opens shows
    // exactly the entries with both facet values.
    const cells = await p.$$eval("table.gap-map td[data-cell][data-n]:not(.gap)", (tds) =>
      tds.slice(0, 4).map((td) => ({ cell: td.getAttribute("data-cell"), n: Number(td.getAttribute("data-n")), href: td.querySelector("a").getAttribute("href") })));
    assert.ok(cells.length > 0);
    for (const c of cells) {
      const [view, term, level] = c.cell.split(" ");
      const expected = data.practices
        .filter((x) => (x.f[view] || []).includes(term) && (x.f["result-level"] || []).includes(level))
        .map((x) => x.id)
        .sort();
      assert.equal(expected.length, c.n, c.cell);
      await p.goto(new URL(c.href, `${base}/${prefix}map/index.html`).href);
      await p.waitForSelector("#filters:not([hidden])");
      await p.waitForFunction((n) => document.querySelectorAll("#cards .card").length === n, c.n);
      assert.deepEqual(await cardIds(p), expected, c.cell);
    }
    assert.deepEqual(await axeViolations(p), [], `${prefix}catalogue from the map`);
    await p.goto(`${base}/${prefix}map/index.html`);
    await p.click("table.gap-map tr[data-expands] button.map-expand");
    assert.deepEqual(await axeViolations(p), [], `${prefix}map`);
  }
  await p.context().close();
});

test("axe finds no serious or critical violation on search, catalogue and compare as the script draws them", async () => {
  const p = await page();
  for (const prefix of ["", "en/"]) {
    await p.goto(`${base}/${prefix}search/index.html?q=${prefix ? "mothers" : "семьями"}&status=active`);
    await p.waitForSelector("#results li a");
    assert.deepEqual(await axeViolations(p), [], `${prefix}search`);
    await p.goto(`${base}/${prefix}practices/index.html?target-groups=women-in-crisis&sort=evidence`);
    await p.waitForSelector("#filters:not([hidden])");
    await p.waitForSelector("#cards .compare-toggle:not([hidden])");
    assert.deepEqual(await axeViolations(p), [], `${prefix}practices`);
    await p.goto(`${base}/${prefix}compare/index.html?p=${P003},teplyi-dom,mother-house`);
    await p.waitForSelector("table.compare");
    assert.deepEqual(await axeViolations(p), [], `${prefix}compare`);
  }
  await p.context().close();
});

// Every page kind in both languages under the site's Content-Security-Policy
// (a meta in every page): no `securitypolicyviolation` event and no console
// error, with the scripts done (search results drawn, comparison built).
test("no page kind violates the Content-Security-Policy, in either language", async () => {
  const p = await page();
  await p.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const kinds = [
    ["home", "index.html", null],
    ["catalogue", "practices/index.html", "#filters:not([hidden])"],
    ["practice", `practices/${P003}/index.html`, "svg.toc-diagram"],
    ["term", "target-groups/birth-parents/index.html", null],
    ["organization", "organizations/otkazniki/index.html", null],
    ["results", "results/index.html", null],
    ["evidence", "evidence/index.html", null],
    ["map", "map/index.html", null],
    ["reviews", "reviews/index.html", null],
    ["search", "search/index.html?q=", "#results li a"],
    ["compare", `compare/index.html?p=${P003},teplyi-dom,mother-house`, "table.compare"],
    ["rubric", "rubrics/mother-house-quality/index.html", null],
    ["404", "no-such-page/", null],
  ];
  let pages = 0;
  for (const prefix of ["", "en/"]) {
    for (const [kind, path, ready] of kinds) {
      const query = kind === "search" ? (prefix ? "mothers" : "семьями") : "";
      const url = `${base}/${prefix}${path}${query}`;
      const before = consoleErrors.length;
      await p.goto(url, { waitUntil: "load" });
      if (ready) await p.waitForSelector(ready);
      await p.waitForLoadState("networkidle");
      const policy = await p.$eval("meta[http-equiv='Content-Security-Policy']", (m) => m.content).catch(() => null);
      assert.match(policy ?? "", /script-src 'self'/, `${kind} ${url}: the policy is on the page`);
      assert.deepEqual(await p.evaluate(() => window.__csp), [], `${kind} ${url}`);
      if (kind === "404") {
        // The page's own 404 status is reported on the console; that one
        // entry is expected, nothing else.
        const own = `${url}: Failed to load resource: the server responded with a status of 404 (Not Found)`;
        const at = consoleErrors.indexOf(own, before);
        assert.ok(at >= 0, `${url}: served with status 404`);
        consoleErrors.splice(at, 1);
      }
      pages++;
    }
  }
  assert.equal(pages, 26);
  // The collector sees a violation: an inline style and an inline script
  // added to a page are both refused.
  await p.goto(`${base}/index.html`);
  const seen = await p.evaluate(async () => {
    const d = document.createElement("div");
    d.setAttribute("style", "color: red");
    document.body.append(d);
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return { csp: window.__csp, ran: window.__ran === true };
  });
  assert.equal(seen.ran, false, "an inline script does not run");
  assert.ok(seen.csp.some((v) => v.startsWith("style-src")), seen.csp.join("; "));
  assert.ok(seen.csp.some((v) => v.startsWith("script-src")), seen.csp.join("; "));
  // Those two refusals are reported on the console: not counted as errors.
  for (let i = consoleErrors.length - 1; i >= 0; i--) {
    if (consoleErrors[i].startsWith(`${base}/index.html: `) && /Content Security Policy/.test(consoleErrors[i])) consoleErrors.splice(i, 1);
  }
  await p.context().close();
});
