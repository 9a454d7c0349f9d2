// Drives the search page in headless Chromium (Debian's, through
// playwright-core) and prints what a reader sees, as JSON, for the Go test
// generator/e2e to check.
//
//   node testtools/search.mjs BASE_URL CASES_JSON [SCREENSHOT_DIR]
//
// CASES_JSON is a list of {name, path} (open the page at path and wait for
// the results) or {name, path, type, select} (open path, type words and
// choose filters in the form like a reader, then press Enter). Each case
// reports the status line, every result (after "Show more" until all are
// shown), the address afterwards, and any console error, page error or
// Content-Security-Policy violation. A last case loads the search page with
// JavaScript off.
import { launch, searched, watch } from "./browser.mjs";

const [base, casesJSON, shots] = process.argv.slice(2);
const cases = JSON.parse(casesJSON);

const browser = await launch();

async function settle(page) {
  await searched(page);
  for (let i = 0; i < 100; i++) {
    const more = page.locator("#search-more");
    if (!(await more.isVisible())) break;
    const n = await page.locator("#search-list > li").count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("#search-list > li").length > n, n, { timeout: 15000 });
  }
}

const out = [];
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  for (const c of cases) {
    const page = await context.newPage();
    const problems = [];
    await watch(page, problems);
    const resp = await page.goto(base + c.path, { waitUntil: "load" });
    const csp = resp.headers()["content-security-policy"] || "";
    if (c.type !== undefined || c.select !== undefined) {
      await settle(page);
      for (const [name, value] of Object.entries(c.select || {})) {
        await page.selectOption(`#search-${name}`, value);
      }
      await page.fill("#search-q", c.type || "");
      await page.press("#search-q", "Enter");
      await searched(page);
      await page.waitForTimeout(300); // the typing debounce may start one more search
    }
    await settle(page);
    const results = await page.$$eval("#search-list > li", (items) => items.map((li) => ({
      title: li.querySelector("h3 a")?.textContent ?? "",
      url: li.querySelector("h3 a")?.getAttribute("href") ?? "",
      kind: li.querySelector(".search-kind")?.textContent ?? "",
      rating: li.querySelector(".search-rating .rating-label")?.textContent ?? "",
      excerpt: li.querySelector(".search-excerpt")?.textContent ?? "",
      marks: [...li.querySelectorAll(".search-excerpt mark")].map((m) => m.textContent),
      elements: [...li.querySelectorAll(".search-excerpt *")].map((e) => e.tagName.toLowerCase()),
    })));
    const status = await page.textContent("#search-status");
    if (shots) await page.screenshot({ path: `${shots}/search-${c.name}.png`, fullPage: true });
    out.push({ name: c.name, csp, status, address: page.url().slice(base.length), results, problems });
    await page.close();
  }
  await context.close();

  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const page = await nojs.newPage();
  await page.goto(base + "/search/");
  out.push({
    name: "nojs",
    status: (await page.locator(".search-noscript").isVisible()) ? await page.textContent(".search-noscript") : "",
    results: [],
    problems: [],
  });
  if (shots) await page.screenshot({ path: `${shots}/search-nojs.png`, fullPage: true });
  await nojs.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
