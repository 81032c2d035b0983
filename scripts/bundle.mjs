#!/usr/bin/env node
// `npm run bundle`: ncc builds src/index.ts, and the chunks the network commands load on
// demand, into .bundle/. Every file is then minified to ASCII with its source map carried
// through: ncc's own --minify does only the entry, keeps non-ASCII text (which node must
// decode and parse as two-byte text) and writes a map of the entry that cannot be carried
// further. licenses.txt names every package whose code is in the bundle, read off the
// source maps (ncc's --license leaves out the packages bundled into the entry).
// .bundle/ replaces dist/ only once all of it is built: a failed build exits 1 and
// leaves dist/ whole.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, '.bundle')
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')

rmSync(out, { recursive: true, force: true })
try {
  execFileSync(process.execPath, [ncc, 'build', 'src/index.ts', '-o', '.bundle', '--source-map', '--no-source-map-register'], {
    cwd: root,
    stdio: 'inherit'
  })
} catch {
  console.error('bundle: ncc failed; dist/ is unchanged')
  process.exit(1)
}
/**
 * ncc writes ES modules; node starts a CommonJS file faster (no ES module loader, and a
 * chunk is a synchronous require instead of an import job). The few ESM-only lines of
 * webpack's output are rewritten in place, line for line so the source maps still hold,
 * and strict mode, which an ES module has implicitly, is declared. Each rewrite must
 * match exactly as often as expected, or the build fails.
 */
function toCommonJs(file, code) {
  const rewrite = (text, pattern, replacement, times) => {
    const found = text.match(pattern)?.length ?? 0
    if (found !== times) throw new Error(`bundle: ${file}: expected ${times} of ${pattern}, found ${found}`)
    return text.replace(pattern, replacement)
  }
  if (file !== 'index.js') {
    code = rewrite(code, /^export const (id|ids|modules) = /gm, 'exports.$1 = ', 3)
    return `"use strict";${code}`
  }
  code = rewrite(
    code,
    /^import \{ createRequire as __WEBPACK_EXTERNAL_createRequire \} from "module";$/m,
    '"use strict";const __import_meta_url = require("url").pathToFileURL(__filename).href;',
    1
  )
  // node's own modules: CommonJS has require (createRequire would load node:module for nothing)
  code = code.replace(/__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\)\(/g, 'require(')
  code = code.replace(/import\.meta\.url/g, '__import_meta_url')
  if (code.includes('__WEBPACK_EXTERNAL_createRequire')) throw new Error(`bundle: ${file}: createRequire is still used`)
  return rewrite(
    code,
    /\bimport\("\.\/" \+ __nccwpck_require__\.u\(chunkId\)\)/g,
    'Promise.resolve().then(() => require("./" + __nccwpck_require__.u(chunkId)))',
    1
  )
}

const packages = new Set()
for (const file of readdirSync(out).filter((f) => f.endsWith('.js'))) {
  const abs = path.join(out, file)
  for (const source of JSON.parse(readFileSync(`${abs}.map`, 'utf8')).sources) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)
    if (m) packages.add(m[1])
  }
  const result = await minify(
    { [file]: toCommonJs(file, readFileSync(abs, 'utf8')) },
    {
      toplevel: true,
      compress: false,
      // as ncc minifies: names of functions and classes stay (errors and stacks show them)
      mangle: { keep_classnames: true, keep_fnames: true },
      format: { ascii_only: true, comments: false },
      sourceMap: { content: readFileSync(`${abs}.map`, 'utf8'), filename: file, url: `${file}.map` }
    }
  )
  writeFileSync(abs, `${result.code}\n`)
  writeFileSync(`${abs}.map`, String(result.map))
}
/** name, SPDX licence and licence text of each bundled package, as ncc writes them */
const licenses = [...packages].sort().map((name) => {
  const dir = path.join(root, 'node_modules', name)
  const { license } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:\.(?:md|txt))?$/i.test(f))
  if (!file && !license) throw new Error(`bundle: no licence found for ${name}`)
  return `${name}\n${license ?? ''}\n${file ? readFileSync(path.join(dir, file), 'utf8').trim() : ''}\n`
})
writeFileSync(path.join(out, 'licenses.txt'), licenses.join('\n'))
writeFileSync(path.join(out, 'package.json'), '{ "type": "commonjs" }\n')
rmSync(path.join(root, 'dist'), { recursive: true, force: true })
renameSync(out, path.join(root, 'dist'))
