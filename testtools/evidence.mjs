// Follows every evidence link of the given claim pages in headless Chromium
// and prints what the reader gets, as JSON, for generator/e2e: the
// paragraph the link lands on must be the :target, visibly outlined, with
// the quoted words highlighted and a link back to the claim; the browser's
// Back must return to the claim page.
//
//   node testtools/evidence.mjs BASE_URL PATHS_JSON
import { launch } from "./browser.mjs";

const [base, pathsJSON] = process.argv.slice(2);
const browser = await launch();
const out = [];
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const path of JSON.parse(pathsJSON)) {
    await page.goto(base + path);
    const links = await page.$$eval(".evidence-item > .evidence-source a[href*='#']", (as) => as.map((a) => a.getAttribute("href")));
    for (let i = 0; i < links.length; i++) {
      await page.locator(".evidence-item > .evidence-source a[href*='#']").nth(i).click();
      await page.waitForURL((u) => u.hash !== "");
      const landed = await page.evaluate((claim) => {
        const el = document.querySelector(":target");
        if (!el) return { target: "" };
        const r = el.getBoundingClientRect();
        return {
          target: el.id,
          outline: getComputedStyle(el).outlineStyle,
          marked: el.querySelectorAll("mark").length,
          back: [...el.querySelectorAll("a")].some((a) => a.getAttribute("href") === claim),
          inView: r.top < innerHeight && r.bottom > 0,
        };
      }, path);
      await page.goBack({ waitUntil: "load" });
      out.push({ claim: path, link: links[i], ...landed, returned: new URL(page.url()).pathname });
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
