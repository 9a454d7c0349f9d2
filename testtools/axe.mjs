// Runs axe-core on pages in headless Chromium (Debian's, through
// playwright-core) and prints the violations as JSON, for the Go test
// generator/e2e to check.
//
//   node testtools/axe.mjs BASE_URL MODES_JSON [SCREENSHOT_DIR]
//
// MODES_JSON is a list of {name, width, height, scheme, paths}: each path is
// loaded at that viewport and colour scheme (light or dark), axe runs with
// its WCAG 2.x A/AA and best-practice rules, and a full-page screenshot is
// saved when SCREENSHOT_DIR is given. Console errors and
// Content-Security-Policy violations are reported too.
import { launch, searched, watch } from "./browser.mjs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, modesJSON, shots] = process.argv.slice(2);
const modes = JSON.parse(modesJSON);

const browser = await launch();

const out = [];
try {
  for (const mode of modes) {
    const context = await browser.newContext({
      viewport: { width: mode.width, height: mode.height },
      colorScheme: mode.scheme,
      reducedMotion: "reduce",
    });
    // One tab per mode, axe injected into every document it loads (through
    // the DevTools protocol, which the page's Content-Security-Policy does
    // not govern).
    await context.addInitScript({ content: axeSource });
    const page = await context.newPage();
    const problems = [];
    await watch(page, problems, /status of 404/); // the 404 test page is meant to answer 404
    for (const path of mode.paths) {
      problems.length = 0;
      const resp = await page.goto(base + path, { waitUntil: "load" });
      if (path.startsWith("/search/")) await searched(page);
      const res = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
      }));
      // Nothing may be wider than the screen: a page that scrolls sideways
      // hides text on a phone.
      const wide = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > w + 1 && getComputedStyle(el).position !== "absolute");
        return { scroll: document.documentElement.scrollWidth, width: w, over: over.slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "")) };
      });
      if (wide.scroll > wide.width || wide.over.length) {
        problems.push(`wider than the ${wide.width}px screen (${wide.scroll}px): ${wide.over.join(", ")}`);
      }
      const violations = res.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary.replace(/\s+/g, " ")),
        count: v.nodes.length,
      }));
      if (shots) {
        const name = (path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home");
        await page.screenshot({ path: `${shots}/${mode.name}-${name}.png`, fullPage: true });
      }
      out.push({ mode: mode.name, path, status: resp.status(), passes: res.passes.length, violations, problems: [...problems] });
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
