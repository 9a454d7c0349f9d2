// What the browser scripts share: launching Debian's Chromium (or
// $CHROMIUM) on this closed network, collecting what goes wrong on a page,
// and waiting for the search page's results.
import { chromium } from "playwright-core";

// launch starts headless Chromium with the flags the machine needs: without
// the background-networking ones it keeps trying hosts it cannot reach.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

// watch records on problems every console error (but those matching
// ignore), page error, dialog (dismissed) and Content-Security-Policy
// violation of page. Empty problems (problems.length = 0) between pages.
export async function watch(page, problems, ignore) {
  page.on("console", (m) => {
    if (m.type() === "error" && !(ignore && ignore.test(m.text()))) problems.push("console: " + m.text());
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => { problems.push("dialog: " + d.message()); d.dismiss(); });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
    });
  });
}

// searched waits until the search page's status line says something other
// than "Searching…" (or nothing yet): its results are then on the page.
export function searched(page) {
  return page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent !== "" && s.textContent !== document.getElementById("search").dataset.tLoading;
  }, null, { timeout: 15000 });
}
