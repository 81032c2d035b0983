/**
 * `bump` (SPEC §4), the plan: every edit a new version of a group needs — member versions,
 * version files, internal pins that would exclude it, uv.lock entries — computed and
 * validated without writing anything, then rendered to whole new file contents that differ
 * from the old only in the planned strings. Pure: src/adapters/bump-writer.ts writes it.
 */
import path from 'node:path'
import { PyshipError, fromProblems, problem, type Problem } from '../errors.js'
import type { Monorepo } from '../monorepo/load.js'
import { resolveComponent } from '../config/load.js'
import { versionProblem, type Package } from '../pyproject/package.js'
import { isTable, type TomlDocument } from '../pyproject/toml.js'
import { applyChanges, EditError, type StringChange } from '../pyproject/edit.js'
import { replaceVersion, VersionFileError, type VersionSpot } from '../pyproject/version-file.js'
import { versionFromTags } from './package-version.js'
import { normalizeName } from '../pyproject/requirement.js'
import { admits, compareVersions, normalizeInputVersion, normalizeVersion } from '../version/pep440.js'
import { isBumpKeyword, nextVersion, rewritePin, suggestPin } from '../version/bump.js'

/** A file's new content, and the content it replaces (to restore it). */
export interface PlannedWrite {
  abs: string
  content: string
  previous: string
}

export interface BumpOptions {
  component: string
  /** A PEP 440 version, or major | minor | patch. */
  version: string
  allowDowngrade: boolean
  /** uv will rewrite uv.lock (so pyship leaves it alone). */
  uvLocks: boolean
  /** The repository's tags, for members whose version comes from git tags (keywords need a current version). */
  tags?: string[] | null
}

export interface Row {
  file: string
  line: number
  what: string
  from: string
  to: string
}

export interface FileEdit {
  abs: string
  doc: TomlDocument
  changes: StringChange[]
}

/** A version written in a file that is not TOML pyship edits structurally (a version file, a mirror). */
export interface SpotEdit {
  spot: VersionSpot
  version: string
}

export interface BumpPlan {
  group: string
  /** Normal form of the new version. */
  version: string
  /** The members' current versions as written. */
  current: string[]
  rows: Row[]
  files: FileEdit[]
  spots: SpotEdit[]
  /** What the plan says besides its edits (members versioned by git tags). */
  notices: string[]
  /** Every member takes its version from git tags (no file carries it). */
  fromTags: boolean
}

/** E_CONFIG when nothing is configured, with a config to paste built from the workspace. */
function needConfig(repo: Monorepo, command: string): PyshipError {
  const members = repo.workspaceMembers.map((d) => repo.packages.get(d)).filter((p): p is Package => !!p?.name)
  const example = members.length
    ? members.map((p) => `[tool.pyship.groups.${normalizeName(p.name as string)}]\npackages = ["${p.dir}"]`).join('\n\n')
    : '[tool.pyship.groups.platform]\npackages = ["cli", "server"]'
  return new PyshipError(
    'E_CONFIG',
    `${command} needs groups: no [tool.pyship] config and not the default layout (cli, server, packages/client-python)`,
    {
      hint: `Add groups to the root pyproject.toml (packages that ship together share a group), e.g.:\n\n${example}\n`
    }
  )
}

export function planBump(repo: Monorepo, options: BumpOptions): BumpPlan {
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  if (repo.config.kind === 'none') throw needConfig(repo, 'bump')
  if (!options.component) {
    throw new PyshipError('E_INPUT', 'bump needs component: the group (or a target of the group) to bump', {
      hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk minor`.'
    })
  }
  if (!options.version) {
    throw new PyshipError('E_INPUT', 'bump needs version: a PEP 440 version or major, minor, patch', {
      hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk patch`.'
    })
  }
  const group = resolveComponent(repo.config, options.component).groups[0]
  const members = repo.config.groups[group].packages.map((d) => repo.packages.get(d) as Package)

  const problems: Problem[] = []
  const notices: string[] = []
  for (const p of members) {
    const missing = versionProblem(p)
    if (missing) problems.push(missing)
  }
  if (problems.length > 0) throw fromProblems(problems)
  const written = members.filter((p) => p.source.kind !== 'vcs')
  for (const p of members.filter((m) => m.source.kind === 'vcs')) {
    notices.push(
      `${p.file}: ${p.name ?? p.dir} takes its version from git tags (${p.source.backend}): bump has nothing to write for it; the release tag gives it its version`
    )
  }

  // members whose version comes from tags count with the highest version their tags give
  const fromTags = members
    .filter((p) => p.source.kind === 'vcs')
    .map((p) => (options.tags ? versionFromTags(repo.config, p, options.tags) : null))
  const current = [
    ...written.map((p) => normalizeVersion(p.version as string)),
    ...(written.length ? [] : fromTags.filter((v): v is string => v !== null))
  ]
  let version: string
  if (isBumpKeyword(options.version)) {
    const distinct = [...new Set(current)]
    if (distinct.length === 0) {
      throw new PyshipError(
        'E_INPUT',
        `group ${group} has no current version to compute "${options.version}" from: its members take their version from git tags and no tag gives one`,
        {
          hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
        }
      )
    }
    if (distinct.length > 1) {
      throw fromProblems(
        written.map((p) =>
          problem(
            'E_VERSION_MISMATCH',
            `group ${group} members disagree (${written.map((m) => `${m.name} ${m.version}`).join(', ')}); "${options.version}" needs one current version`,
            { file: p.versionFile, line: p.versionLine },
            `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
          )
        )
      )
    }
    if (distinct[0] === null) {
      const p = written[0]
      throw new PyshipError(
        'E_INVALID_VERSION',
        `${p.name} version ${JSON.stringify(p.version)} is not PEP 440, so "${options.version}" cannot be computed`,
        {
          location: { file: p.versionFile, line: p.versionLine },
          hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
        }
      )
    }
    version = nextVersion(distinct[0], options.version)
  } else {
    const normal = normalizeInputVersion(options.version)
    if (normal === null) {
      throw new PyshipError('E_INVALID_VERSION', `version ${JSON.stringify(options.version)} is not a valid PEP 440 version`)
    }
    version = normal
  }

  const highest = current
    .filter((v): v is string => v !== null)
    .sort(compareVersions)
    .pop()
  if (highest && compareVersions(version, highest) < 0 && !options.allowDowngrade) {
    throw new PyshipError('E_INPUT', `version ${version} is lower than group ${group}'s current ${highest}`, {
      hint: 'Pass allow-downgrade (`--allow-downgrade`) if going back is intended; released versions can never be re-used on PyPI.'
    })
  }

  const rows: Row[] = []
  const spots: SpotEdit[] = []
  const spotted = new Set<string>()
  const spot = (at: VersionSpot, what: string): void => {
    const key = `${at.abs}\u0000${at.start}`
    if (at.version === version || spotted.has(key)) return
    spotted.add(key)
    spots.push({ spot: at, version })
    rows.push({ file: at.file, line: at.line, what, from: at.version, to: version })
  }
  const edits = new Map<TomlDocument, FileEdit>()
  const change = (doc: TomlDocument, abs: string, c: StringChange, row: Omit<Row, 'file'>): void => {
    if (!edits.has(doc)) edits.set(doc, { abs, doc, changes: [] })
    ;(edits.get(doc) as FileEdit).changes.push(c)
    rows.push({ file: doc.file, ...row })
  }
  const absOf = (p: Package): string => path.join(repo.paths.workDir, p.dir, 'pyproject.toml')

  // 1. the members' versions where they live (the normal form is written), and the group's version-files
  for (const p of written) {
    if (p.source.spot) spot(p.source.spot, `${p.name} version (${p.source.backend})`)
    else if (p.version !== version) {
      change(
        p.doc,
        absOf(p),
        { path: ['project', 'version'], value: version },
        { line: p.versionLine, what: `${p.name} version`, from: p.version as string, to: version }
      )
    }
  }
  for (const m of repo.mirrors.filter((x) => x.group === group)) spot(m.spot, `group ${group} version-files`)

  // 2. internal pins on members that would exclude the new version, in every package
  const bumped = new Map(members.filter((p) => p.normalizedName).map((p) => [p.normalizedName as string, p]))
  const pinChanges: { from: Package; name: string; old: string; spec: string }[] = []
  for (const from of repo.packages.values()) {
    for (const req of from.requirements) {
      if (!bumped.has(req.name) || admits(req.specifier, version)) continue
      const spec = rewritePin(req.specifier, version)
      if (spec === null) {
        const suggested =
          req.text.slice(0, req.specifierOffset) +
          suggestPin(req.specifier, version) +
          req.text.slice(req.specifierOffset + req.specifier.length)
        problems.push(
          problem(
            'E_PIN_EXCLUDES',
            `${from.name ?? from.dir} requires ${JSON.stringify(req.text)} (${req.where}), which would exclude ${req.name} ${version} and has no mechanical rewrite; suggested: ${JSON.stringify(suggested)}`,
            { file: from.file, line: req.line },
            `Change "${req.text}" by hand so it admits ${version}, e.g. to "${suggested}" (pyship follows ~=, ==, >=, and a >= lower bound with one < cap), then bump again.`
          )
        )
        continue
      }
      const text = req.text.slice(0, req.specifierOffset) + spec + req.text.slice(req.specifierOffset + req.specifier.length)
      change(
        from.doc,
        absOf(from),
        { path: req.path, value: text },
        { line: req.line, what: `${from.name ?? from.dir} ${req.where}`, from: req.text, to: text }
      )
      if (from.normalizedName) pinChanges.push({ from, name: req.name, old: req.specifier, spec })
    }
  }
  if (problems.length > 0) throw fromProblems(problems)

  // 3. each member's own uv.lock (uv lock at the root does not touch them): its entry's version
  for (const p of written) {
    const own = repo.locks.get(p.dir)
    const entry = own && p.normalizedName ? own.members.get(p.normalizedName) : undefined
    if (!own || !entry || entry.version === null || entry.version === version) continue
    change(
      own.doc,
      own.abs,
      { path: ['package', entry.index, 'version'], value: version },
      { line: entry.line, what: `${p.name} locked version (its own uv.lock)`, from: entry.version, to: version }
    )
  }

  // 4. uv.lock: members' version lines and requires-dist specifiers mirroring rewritten pins
  const lock = repo.lock
  if (lock && !options.uvLocks) {
    const lockAbs = path.join(repo.paths.workDir, 'uv.lock')
    for (const p of written) {
      const entry = p.normalizedName ? lock.members.get(p.normalizedName) : undefined
      if (!entry || entry.version === null || entry.version === version) continue
      change(
        lock.doc,
        lockAbs,
        { path: ['package', entry.index, 'version'], value: version },
        { line: entry.line, what: `${p.name} locked version`, from: entry.version, to: version }
      )
    }
    const squash = (s: string): string => s.replace(/\s+/g, '')
    // the same pin written twice in a member (dependencies and a dependency group) mirrors one lock entry: changed once
    const lockChanged = new Set<string>()
    for (const pin of pinChanges) {
      const entry = lock.members.get(pin.from.normalizedName as string)
      if (!entry) continue
      const metadata = (lock.doc.value.package as Record<string, unknown>[])[entry.index].metadata
      if (!isTable(metadata)) continue
      const lists: [unknown, (string | number)[]][] = [[metadata['requires-dist'], ['requires-dist']]]
      if (isTable(metadata['requires-dev'])) {
        for (const [g, list] of Object.entries(metadata['requires-dev'])) lists.push([list, ['requires-dev', g]])
      }
      for (const [list, at] of lists) {
        if (!Array.isArray(list)) continue
        list.forEach((item, i) => {
          if (!isTable(item) || typeof item.name !== 'string' || typeof item.specifier !== 'string') return
          if (normalizeName(item.name) !== pin.name || squash(item.specifier) !== squash(pin.old)) return
          const where = ['package', entry.index, 'metadata', ...at, i, 'specifier']
          const key = where.join('\u0000')
          if (lockChanged.has(key)) return
          lockChanged.add(key)
          const line = lock.doc.nodes.get(where.join('\u0000'))?.line ?? entry.line
          // the lock's own spelling (uv writes `>=2.2.0, <3.0.0`) is kept, like the pyproject's
          const spec = rewritePin(item.specifier, version) ?? pin.spec
          change(
            lock.doc,
            lockAbs,
            { path: where, value: spec },
            { line, what: `${pin.from.name} locked ${at.join('.')} ${item.name}`, from: item.specifier, to: spec }
          )
        })
      }
    }
  }

  const edited = new Set([...edits.values()].map((f) => f.abs))
  const both = spots.find((e) => edited.has(e.spot.abs))
  if (both) {
    throw new PyshipError('E_CONFIG', `${both.spot.file} would be edited both as TOML and through a version pattern`, {
      location: { file: both.spot.file, line: both.spot.line },
      hint: 'Remove the version-files entry that points into a pyproject.toml or uv.lock pyship already bumps.'
    })
  }
  const shownCurrent = written.length ? written.map((p) => p.version as string) : fromTags.filter((v): v is string => v !== null)
  return { group, version, current: shownCurrent, rows, files: [...edits.values()], spots, notices, fromTags: written.length === 0 }
}

/** The new contents of every changed file (verified: only the planned strings differ). */
export function renderBump(plan: BumpPlan): PlannedWrite[] {
  const toml = plan.files.map((f) => {
    try {
      return { abs: f.abs, content: applyChanges(f.doc, f.changes), previous: (f.doc.bom ? '\ufeff' : '') + f.doc.text }
    } catch (error) {
      if (!(error instanceof EditError)) throw error
      throw new PyshipError('E_CONFIG', error.message, {
        location: { file: f.doc.file },
        hint: 'Write the value as a plain quoted string without escapes, then bump again.'
      })
    }
  })
  // version files: the version characters only, later spots first so earlier offsets hold
  const byFile = new Map<string, SpotEdit[]>()
  for (const e of plan.spots) {
    const list = byFile.get(e.spot.abs)
    if (list) list.push(e)
    else byFile.set(e.spot.abs, [e])
  }
  const text = [...byFile.values()].map((list) => {
    const first = list[0].spot
    let content = first.text
    try {
      for (const e of [...list].sort((a, b) => b.spot.start - a.spot.start))
        content = replaceVersion({ ...e.spot, text: content, bom: false }, e.version)
    } catch (error) {
      if (!(error instanceof VersionFileError)) throw error
      throw new PyshipError('E_VERSION_SOURCE', error.message, { location: { file: first.file, line: first.line } })
    }
    return { abs: first.abs, content: (first.bom ? '\ufeff' : '') + content, previous: (first.bom ? '\ufeff' : '') + first.text }
  })
  return [...toml, ...text]
}
