/**
 * Generated uv workspaces for the benchmarks: `n` packages under packages/, spread over
 * `groups` groups (members of a group share a version), each pinning the previous
 * package (`>=1.0,<2`, a capped range pin that a bump to 2.0.0 rewrites), and a uv.lock
 * recording every member with its requires-dist. With `independent`, one
 * `[tool.pyship.independent]` table instead of the groups (every package its own).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export function generateWorkspace(n, groups = 10, { independent = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pyship-bench-${n}-`))
  const members = {}
  const lock = ['version = 1', 'revision = 3', 'requires-python = ">=3.11"', '']
  const name = (i) => `pkg-${String(i).padStart(5, '0')}`
  for (let i = 0; i < n; i++) {
    const g = i % groups
    ;(members[`g${g}`] ??= []).push(`packages/${name(i)}`)
    const version = `1.${g}.0`
    const pin = i > 0 ? `${name(i - 1)}>=1.0,<2` : null
    mkdirSync(path.join(dir, 'packages', name(i)), { recursive: true })
    writeFileSync(
      path.join(dir, 'packages', name(i), 'pyproject.toml'),
      `[project]\nname = "${name(i)}"\nversion = "${version}"  # group g${g}\nrequires-python = ">=3.11"\ndependencies = [\n${pin ? `  "${pin}",\n` : ''}  "httpx>=0.27",\n]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`
    )
    lock.push(
      '[[package]]',
      `name = "${name(i)}"`,
      `version = "${version}"`,
      `source = { editable = "packages/${name(i)}" }`,
      'dependencies = ['
    )
    if (pin) lock.push(`    { name = "${name(i - 1)}" },`)
    lock.push('    { name = "httpx" },', ']', '', '[package.metadata]', 'requires-dist = [')
    if (pin) lock.push(`    { name = "${name(i - 1)}", editable = "packages/${name(i - 1)}", specifier = ">=1.0,<2" },`)
    lock.push('    { name = "httpx", specifier = ">=0.27" },', ']', '')
  }
  lock.push('[[package]]', 'name = "httpx"', 'version = "0.28.1"', 'source = { registry = "https://pypi.org/simple" }', '')
  // independent: one table makes every package its own group and target (groups = n otherwise)
  const config = independent
    ? '[tool.pyship.independent]\npackages = ["packages/*"]\ntag = "{dir}-v{version}"\n'
    : Object.entries(members)
        .map(([g, dirs]) => `[tool.pyship.groups.${g}]\npackages = [${dirs.map((d) => `"${d}"`).join(', ')}]\n`)
        .join('\n')
  writeFileSync(path.join(dir, 'pyproject.toml'), `[tool.uv.workspace]\nmembers = ["packages/*"]\n\n${config}`)
  writeFileSync(path.join(dir, 'uv.lock'), lock.join('\n'))
  return dir
}
