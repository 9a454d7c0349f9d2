// Package e2e tests the published site end to end, with the real tools
// that build and show it: the Netlify CLI building each deploy context from
// netlify.toml, and Debian's Chromium (driven by playwright-core) using the
// search page as served with netlify.toml's headers.
//
// The tools come from npm (testtools/package.json) and Debian (chromium);
// .ci/run installs them. Without them these tests fail and say how to
// install them: they are never skipped.
package e2e
