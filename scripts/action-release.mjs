#!/usr/bin/env node
// The release of the action itself (.github/workflows/release.yml, on a pushed tag vX.Y.Z),
// the convention of actions/typescript-action: users write `uses: pyship/pyship@v1`, and v1
// follows the highest v1.x.y release.
//
//   node scripts/action-release.mjs notes <tag>   the tag's CHANGELOG.md section (stdout), after
//                                                  checking that package.json carries the version
//   node scripts/action-release.mjs major <tag>   the moving major tag to point at <tag> (v1), or
//                                                  nothing when <tag> is a pre-release or an older
//                                                  line than a release already out (reads `git tag`)
//
// Exits 1 with one line saying what to fix.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `v1.2.3` or `v1.2.3-rc.1` → its parts, or null. */
export function parseTag(tag) {
  const m = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/.exec(tag)
  return m ? { version: tag.slice(1), major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? null } : null
}

/** The body of `## [version]` (Keep a Changelog) up to the next `## ` heading, trimmed; null when absent or empty. */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = lines.findIndex((l) => new RegExp(`^## \\[?v?${escaped}\\]?(\\s|$)`).test(l))
  if (start < 0) return null
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l))
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  return body || null
}

/** The release notes of `tag`, or throws with what to fix. */
export function notes(tag, { changelog, packageVersion }) {
  const parsed = parseTag(tag)
  if (!parsed) throw new Error(`${tag} is not a release tag: push vMAJOR.MINOR.PATCH (e.g. v1.0.0, or v1.1.0-rc.1)`)
  if (packageVersion !== parsed.version)
    throw new Error(
      `package.json says ${packageVersion}, the tag ${tag}: set "version": "${parsed.version}" in package.json (npm version ${parsed.version} --no-git-tag-version), commit, tag again`
    )
  const body = changelogSection(changelog, parsed.version)
  if (!body)
    throw new Error(`CHANGELOG.md has no section "## [${parsed.version}]": move the Unreleased entries under it, commit, tag again`)
  return body
}

/** The moving major tag to point at `tag` (`v1`), or null: never for a pre-release, never back to an older line. */
export function majorTag(tag, tags) {
  const parsed = parseTag(tag)
  if (!parsed || parsed.pre) return null
  const newer = tags
    .map(parseTag)
    .filter(
      (t) => t && !t.pre && t.major === parsed.major && (t.minor > parsed.minor || (t.minor === parsed.minor && t.patch > parsed.patch))
    )
  return newer.length > 0 ? null : `v${parsed.major}`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, tag] = process.argv.slice(2)
  try {
    if (command === 'notes') {
      const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')
      const packageVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version
      process.stdout.write(`${notes(tag ?? '', { changelog, packageVersion })}\n`)
    } else if (command === 'major') {
      const tags = execFileSync('git', ['tag', '--list', 'v*'], { cwd: process.cwd(), encoding: 'utf8' }).split('\n').filter(Boolean)
      const major = majorTag(tag ?? '', tags)
      if (major) process.stdout.write(`${major}\n`)
    } else {
      throw new Error('usage: node scripts/action-release.mjs notes|major <tag>')
    }
  } catch (error) {
    console.error(`action-release: ${error.message}`)
    process.exit(1)
  }
}
