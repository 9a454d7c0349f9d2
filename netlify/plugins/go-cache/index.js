'use strict'

// go-cache keeps Go's caches between Netlify builds (issue 21). Netlify
// starts every build with an empty module cache (GOMODCACHE) and build cache
// (GOCACHE) (netlify/build-image#415), so `go run ./generator` would download
// every module and compile Hugo from source each time. This plugin keeps
// both, and the generator's own cache ($XDG_CACHE_HOME/fuente, or
// ~/.cache/fuente: the share cards it drew and each site's saved build
// state, package state), in Netlify's build cache.
//
// Who may write the cache, and who reads it. A pull request's preview runs
// the pull request's own code, which can write Netlify's cache folder
// whatever this plugin does, and Go does not verify what its build cache
// holds: a hostile pull request could leave a compiled package, a card or
// a saved build state (pages a later build would take as made) behind for
// a later build to use unchecked. So:
//   - production builds (CONTEXT=production: the reviewed main branch)
//     restore nothing, build from empty caches, and save them afterwards;
//   - every other build (deploy previews, branch deploys) restores the
//     cache and saves it again. Netlify gives each pull request a cache of
//     its own, started from production's, so a preview's save serves the
//     next push of the same pull request.
// A preview of a one-claim change then compiles nothing; a production build
// takes the few minutes of a cold build, which nobody waits for, and
// nothing a pull request leaves in any cache reaches the published site.
//
// How @netlify/cache-utils (utils.cache) behaves, from its code (7.1.2):
//   - paths outside the repository are allowed: a path is stored under the
//     cache folder by its base, "cwd", "home" or "root" (GOCACHE at
//     /opt/buildhome/.cache/go-build is kept as home/.cache/go-build). Only the
//     build folder itself and its parents are refused.
//   - {move: true} renames the folder in and out of the cache instead of
//     copying it (gigabytes of Go cache: a rename is instant); across devices
//     it falls back to copy and delete. After a moved save the folder is gone
//     from where it was: nothing in this build may need it any more.
//   - the cache folder is the CACHE_DIR constant: /opt/build/cache on Netlify,
//     <build folder>/.netlify/cache with the CLI (`netlify build`).
//   - it sets no size limit. Netlify archives the whole cache folder after the
//     build and downloads and unpacks it before the next, so its size costs
//     time on every build.
//   - restore deletes what is in the way first (fs.rm, recursive), and a
//     moved save falling back to copy deletes the source; Go makes the
//     folders of its module cache read-only, so both would fail with EACCES
//     (netlify/build-image#286 is that failure in Netlify's own Go caching).
//     The plugin gives the owner write permission on every folder first.
//
// onPostBuild, not onSuccess: onPostBuild runs right after the build
// command (and functions bundling), before the deploy. onSuccess runs only
// after a successful deploy, so a failed upload would throw the warm caches
// away, moved out of place and never saved. A failed build command runs
// neither, so a broken build saves nothing.
//
// The Go build cache does not grow forever: Go itself deletes entries unused
// for five days (at most once a day, by their modification times, which a
// move keeps). `go clean -cache` would empty it, which is not what is wanted.
// The module cache keeps every module version ever downloaded; "Clear cache
// and deploy site" in Netlify's UI starts it afresh.
//
// A local `netlify build` runs with the developer's own Go caches, which
// persist anyway: a cache folder that already holds files when a local build
// starts is left alone (not replaced by the cached copy, not moved into
// .netlify/cache). Only folders that start empty, as every one does on
// Netlify, are restored and saved.
//
// Each cache gets one line in the build log: what was restored or saved,
// how many files and bytes. A missing cache, or any failure here, never fails
// the build: Go then downloads and compiles what it needs.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

// The folders this build manages: filled by onPreBuild, saved by
// onPostBuild (both run in the same plugin process).
let managed = []

const log = (line) => console.log(`go-cache: ${line}`)

// caches lists the folders to keep: Go's two caches, where the build's go
// puts them, and the generator's share cards and saved state
// (card.DefaultCacheDir and state.DefaultDir: Go's os.UserCacheDir,
// $XDG_CACHE_HOME or ~/.cache, then fuente/cards and fuente/state).
const caches = function () {
  const list = []
  try {
    const out = execFileSync('go', ['env', '-json', 'GOMODCACHE', 'GOCACHE'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const env = JSON.parse(out)
    if (env.GOMODCACHE) {
      list.push({ name: 'GOMODCACHE', dir: env.GOMODCACHE })
    }
    if (env.GOCACHE && env.GOCACHE !== 'off') {
      list.push({ name: 'GOCACHE', dir: env.GOCACHE })
    }
  } catch (error) {
    log(`Go's caches not kept: \`go env\` failed: ${firstLine(error)}`)
  }
  const userCache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  list.push({ name: 'share cards', dir: path.join(userCache, 'fuente') })
  return list
}

const firstLine = (error) => String((error && (error.stderr || error.message)) || error).trim().split('\n')[0]

// hasFile reports whether dir holds at least one file (stops at the first).
const hasFile = function (dir) {
  let entries
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return false
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || hasFile(path.join(dir, entry.name))) {
      return true
    }
  }
  return false
}

// walk counts the files and bytes under dir and, with writable, gives the
// owner write permission on every folder (Go's module cache has read-only
// ones) so that the folder can be moved across devices and deleted.
const walk = function (dir, writable) {
  const total = { files: 0, bytes: 0 }
  const stack = [dir]
  while (stack.length > 0) {
    const current = stack.pop()
    let stat
    try {
      stat = fs.lstatSync(current)
    } catch {
      continue
    }
    if (!stat.isDirectory()) {
      total.files++
      total.bytes += stat.size
      continue
    }
    if (writable && (stat.mode & 0o200) === 0) {
      fs.chmodSync(current, stat.mode | 0o200)
    }
    for (const name of fs.readdirSync(current)) {
      stack.push(path.join(current, name))
    }
  }
  return total
}

const size = function ({ files, bytes }) {
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${files} files, ${bytes} bytes (${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]})`
}

// cachedPath is where utils.cache keeps dir: under the cache folder, by the
// first base dir is inside of, the build folder, home or the root
// (cache-utils' path.js).
const cachedPath = function (cacheDir, dir) {
  const bases = [
    ['cwd', process.cwd()],
    ['home', os.homedir()],
    ['root', path.sep],
  ]
  for (const [name, base] of bases) {
    if (dir !== base && dir.startsWith(base)) {
      return path.join(cacheDir, name, dir.slice(base.length))
    }
  }
  return undefined
}

// remove deletes dir, read-only folders and all.
const remove = function (dir) {
  if (fs.existsSync(dir)) {
    walk(dir, true)
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}

const production = () => process.env.CONTEXT === 'production'

const onPreBuild = async function ({ utils, constants }) {
  managed = []
  for (const cache of caches()) {
    const { name, dir } = cache
    try {
      const present = hasFile(dir)
      if (present && constants.IS_LOCAL) {
        log(`${name} left alone (${dir}): it already holds files, this machine's own cache`)
        continue
      }
      managed.push(cache)
      if (production()) {
        log(`${name} not restored (${dir}): a production build starts from empty caches, which only production builds save`)
        continue
      }
      if (present) {
        walk(dir, true) // restore deletes it first, if there is a cached copy
      }
      if (await utils.cache.restore(dir, { move: true })) {
        log(`${name} restored from Netlify's cache (${dir}): ${size(walk(dir, false))}`)
      } else {
        log(`${name} not in Netlify's cache yet (${dir}): starting ${present ? 'with what is there' : 'empty'}`)
      }
    } catch (error) {
      // A half-restored module cache could hold half a module: start
      // afresh rather than build from it.
      try {
        remove(dir)
      } catch {
        // Go copes with what is left.
      }
      log(`${name} not restored (${dir}), the build goes on without it: ${firstLine(error)}`)
    }
  }
}

const onPostBuild = async function ({ utils }) {
  for (const { name, dir } of managed) {
    try {
      if (!hasFile(dir)) {
        log(`${name} not saved (${dir}): absent or empty`)
        continue
      }
      const total = walk(dir, true)
      const old = cachedPath(utils.cache.getCacheDir(), dir)
      if (old !== undefined && fs.existsSync(old)) {
        walk(old, true) // save deletes the old copy first
      }
      await utils.cache.save(dir, { move: true })
      log(`${name} saved to Netlify's cache (${dir}): ${size(total)}`)
    } catch (error) {
      log(`${name} not saved (${dir}): ${firstLine(error)}`)
    }
  }
}

module.exports = { onPreBuild, onPostBuild }
