/**
 * What to release and what to say, from history (SPEC §11): git at the edge (the tags merged
 * into HEAD, the files and the Conventional Commits since each group's last release tag), the
 * pure core in src/history/ deciding the changed set, the next version and the changelog text.
 *
 * `bumpGroups` is the entry point of `bump <group> auto|<keyword>|<version>` and
 * `bump --all`: every command that bumps from history (bump, propose) calls it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, fromProblems } from '../errors.js'
import { Git } from '../adapters/git.js'
import { readMonorepo } from '../adapters/monorepo.js'
import { performBump } from '../adapters/bump-writer.js'
import { writeAllOrNothing } from '../adapters/files.js'
import type { Monorepo } from '../monorepo/load.js'
import { resolveComponent } from '../config/load.js'
import { hasGroups, type Target } from '../config/types.js'
import type { Inputs } from '../inputs.js'
import type { Row } from '../monorepo/bump-plan.js'
import { versionFromTags } from '../monorepo/package-version.js'
import { compareVersions, normalizeVersion } from '../version/pep440.js'
import { tagFor } from '../version/tag-template.js'
import { conventionalCommits, type ConventionalCommit } from '../history/commits.js'
import { nextFromCommits, PRE_MAJOR_DEFAULT } from '../history/next-version.js'
import { DEFAULT_SECTIONS, releasableTypes } from '../history/sections.js'
import {
  groupChange,
  groupScopes,
  lastReleaseTag,
  ownsFile,
  pathspecs,
  type GroupChange,
  type GroupScope,
  type PinnedChange,
  type ReleaseTag
} from '../history/scope.js'
import { insertSection, moveUnreleasedLink, renderSection, webUrlOf } from '../history/changelog.js'
import { changelogSection } from './changelog.js'
import { releasedIn, trainTags } from './train.js'
import type { CommandResult } from '../report/result.js'

/** `changed-since` keyword: each group against its own last release tag. */
export const LAST_RELEASE = 'last-release'

/** The repository's history as pyship reads it: null fields outside a git repository. */
export interface History {
  git: Git
  /** Tags merged into HEAD; null outside a git repository, or in one without a commit yet. */
  tags: string[] | null
  /** A git repository without a commit yet (`git init`, nothing committed): no history to read. */
  noCommit?: boolean
}

export async function readHistory(workDir: string): Promise<History> {
  const git = new Git(workDir)
  const tags = await git.mergedTags()
  // `git tag --merged HEAD` fails both outside a repository and in one with no commit yet
  if (tags === null) return { git, tags, noCommit: (await git.trackedFiles()) !== null }
  if (await git.isShallow()) {
    throw new PyshipError(
      'E_INPUT',
      'this checkout is shallow: its history and tags are incomplete, so what changed since the last release cannot be told',
      {
        hint: 'Check out the whole history: actions/checkout with `fetch-depth: 0` (or `git fetch --unshallow --tags`).'
      }
    )
  }
  return { git, tags }
}

function needGit(what: string, history: History | null): PyshipError {
  if (history?.noCommit)
    return new PyshipError('E_INPUT', `${what} reads the git history, and this repository has no commit yet`, {
      hint: 'Commit the packages first (their first release is the version their files carry), or give the version explicitly.'
    })
  return new PyshipError('E_INPUT', `${what} reads the git history, and this directory is not in a git repository`, {
    hint: 'Run it in a git checkout (actions/checkout with `fetch-depth: 0`), or give the version explicitly.'
  })
}

/** A group's last release: a tag of its own targets, or a release-level tag (`train`: its version is the tag's, not the group's). */
export interface LastRelease extends ReleaseTag {
  train: boolean
  /** The group's version at its last release that shipped it: from its own tag, or a release-level tag's message; null: never shipped. */
  released: string | null
}

/**
 * A group's last release (SPEC §11): the highest version its targets' tag templates give among
 * the merged tags, or the last release-level tag (`[tool.pyship.release] tag`) when that one is
 * later in history — a release of every changed group released this group too, or it had not
 * changed. What version of the group was last shipped is the latest release-level tag whose
 * message lists it (release/train.ts), or its own tag when that is later.
 */
export async function lastRelease(repo: Monorepo, scope: GroupScope, history: History): Promise<LastRelease | null> {
  const tags = history.tags ?? []
  const own = lastReleaseTag(scope.templates, tags, currentVersion(repo, scope.group, tags))
  const config = repo.config.release
  const trains = config ? trainTags(config, tags) : []
  if (trains.length === 0) return own ? { ...own, train: false, released: own.version } : null
  // what each tag holds, read once per history for every group (a hundred groups, not a hundred git calls each)
  const memo = memoOf(history)
  const holds = (tag: string): Promise<Set<string>> => {
    let found = memo.merged.get(tag)
    if (!found) {
      found = history.git.mergedTags(tag).then((t) => new Set(t ?? []))
      memo.merged.set(tag, found)
    }
    return found
  }
  if (own && !(await holds(trains[0].tag)).has(own.tag)) return { ...own, train: false, released: own.version }
  memo.messages ??= history.git.tagMessages(trains.map((t) => t.tag))
  const messages = await memo.messages
  let released = own?.version ?? null
  for (const t of trains) {
    const listed = releasedIn(messages.get(t.tag) ?? '', scope.group)
    if (listed === null) continue
    if (!own || !(await holds(own.tag)).has(t.tag)) released = listed
    break
  }
  return { ...trains[0], train: true, released }
}

/** Per history: the tags each tag holds (`git tag --merged`), and the release-level tags' messages. */
const memos = new WeakMap<History, { merged: Map<string, Promise<Set<string>>>; messages?: Promise<Map<string, string>> }>()
function memoOf(history: History): { merged: Map<string, Promise<Set<string>>>; messages?: Promise<Map<string, string>> } {
  let memo = memos.get(history)
  if (!memo) {
    memo = { merged: new Map() }
    memos.set(history, memo)
  }
  return memo
}

/**
 * Which groups changed: since `since` (a git ref), or since each group's own last release tag
 * (`last-release`, or null) — a group never released counts as changed.
 */
export async function changedGroups(
  repo: Monorepo,
  history: History,
  since: string | null = null,
  /** Only these groups (null: all): the others are read only when one of these pins their packages. */
  only: string[] | null = null
): Promise<GroupChange[]> {
  if (history.tags === null) throw needGit('telling what changed', history)
  const filesSince = new Map<string, Promise<string[]>>()
  const files = (base: string): Promise<string[]> => {
    let found = filesSince.get(base)
    if (!found) {
      found = history.git.changedFilesSince(base)
      filesSince.set(base, found)
    }
    return found
  }
  const labelOf = (dir: string): string => repo.packages.get(dir)?.name ?? dir
  const explicit = since !== null && since !== LAST_RELEASE ? since : null
  const every = groupScopes(repo)
  const groupOf = new Map(every.flatMap((s) => s.dirs.map((d) => [d, s] as const)))
  const wanted = only === null ? null : new Set(only)
  const scopes = wanted === null ? every : every.filter((s) => wanted.has(s.group))
  // the groups whose packages these pin answer for them (since THEIR last release): read them too
  const read = new Set([...scopes, ...scopes.flatMap((s) => s.pinned.flatMap((d) => groupOf.get(d) ?? []))])
  // each group's own files since its base first
  const bases = new Map<string, { base: string | null; files: string[] | null }>()
  for (const scope of read) {
    const base = explicit ?? (await lastRelease(repo, scope, history))?.tag ?? null
    bases.set(scope.group, { base, files: base === null ? null : await files(base) })
  }
  const pinned: PinnedChange = (dir) => {
    const owner = explicit === null ? groupOf.get(dir) : undefined
    if (!owner) return undefined
    const { base, files: changedFiles } = bases.get(owner.group) as { base: string | null; files: string[] | null }
    return { changed: changedFiles === null || changedFiles.some((f) => ownsFile(owner, f)), since: base }
  }
  return scopes.map((scope) => {
    const { base, files: changedFiles } = bases.get(scope.group) as { base: string | null; files: string[] | null }
    return groupChange(scope, base, changedFiles, labelOf, pinned)
  })
}

/** What a release of every changed group (input `all`) releases, and what it leaves, each with why. */
export interface ReleaseSet {
  changed: GroupChange[]
  skipped: GroupChange[]
}

/**
 * The groups a release of every changed group releases (SPEC §11): those with targets that changed
 * since their last release. Tags on HEAD itself do not count as a last release: they are this
 * commit's own release, which a re-run resumes (or, finished, finds done) with the same groups.
 */
export async function changedForRelease(repo: Monorepo): Promise<ReleaseSet> {
  const history = await readHistory(repo.paths.workDir)
  if (history.tags === null) throw needGit('a release of every changed group (`all`)', history)
  const atHead = new Set(await history.git.tagsAt('HEAD'))
  const past: History = { ...history, tags: history.tags.filter((t) => !atHead.has(t)) }
  const changes = await changedGroups(repo, past)
  const targeted = new Set(Object.values(repo.config.targets).map((t) => t.group))
  const set: ReleaseSet = { changed: [], skipped: [] }
  const scopes = new Map(groupScopes(repo).map((s) => [s.group, s]))
  for (const c of changes) {
    if (!targeted.has(c.group)) {
      set.skipped.push({ ...c, changed: false, reason: 'it has no targets to release' })
      continue
    }
    if (!c.changed) {
      set.skipped.push(c)
      continue
    }
    // changed, but its files still hold the version it last shipped: a release would repeat it
    const last = await lastRelease(repo, scopes.get(c.group) as GroupScope, past)
    const current = currentVersion(repo, c.group, history.tags)
    if (last?.released && current && compareVersions(current, last.released) === 0) {
      set.skipped.push({
        ...c,
        changed: false,
        reason: `${c.reason}, but its version ${current} is the one ${last.train ? `${last.tag} released` : `released as ${last.tag}`}: bump it first (\`pyship bump ${c.group} auto\`)`
      })
      continue
    }
    set.changed.push(c)
  }
  return set
}

/**
 * The Conventional Commits that touched a group's own packages since `base` (all history when
 * null), newest first; with `releaseAs` (a version from commits) also the empty `Release-As:`
 * commits, which touch no package but set the next version (one more `git log`, so only then).
 */
export async function groupCommits(
  history: History,
  scope: GroupScope,
  base: string | null,
  releaseAs: boolean
): Promise<ConventionalCommit[]> {
  const [own, empty] = await Promise.all([
    history.git.commitsSince(base, pathspecs(scope.dirs, scope.excluded)),
    releaseAs ? history.git.emptyReleaseAsSince(base) : []
  ])
  if (empty.length === 0) return conventionalCommits(own)
  // an empty commit with Release-As (release-please's way to set the next version) counts for every group, in history's order
  const order = new Map((await history.git.revList(base)).map((sha, i) => [sha, i]))
  const merged = [...own, ...empty.filter((e) => !own.some((c) => c.sha === e.sha))]
  merged.sort((a, b) => (order.get(a.sha) ?? 0) - (order.get(b.sha) ?? 0))
  return conventionalCommits(merged)
}

/** One group's bump from history: what was decided and what was written. */
export interface GroupBump {
  group: string
  /** The version before (the files'), and the new one; null: nothing to bump (see `skipped`). */
  from: string | null
  version: string | null
  /** Why nothing was bumped (unchanged, no releasable commit, already at the version). */
  skipped: string | null
  /** The last release tag the commits were read from (null: never released). */
  since: string | null
  /** How the version was chosen (`feat (abc1234): …`, `Release-As: 3.0.0`, the keyword, the input). */
  because: string
  rows: Row[]
  /** Files written (relative to the repository root), changelogs included. */
  files: string[]
  /** Changelog files given a section (relative to the repository root). */
  changelogs: string[]
  notices: string[]
  /** Every member takes its version from git tags (no file carries it). */
  fromTags: boolean
  /** The config has a target for the group (otherwise a release would fail at once). */
  hasTarget: boolean
  /** The group has something to release: bumped now, never released, or its files already ahead of its last release. */
  toRelease: boolean
}

/** The group's one current version (normal form): its members' (files), else their tags'. */
function currentVersion(repo: Monorepo, group: string, tags: string[]): string | null {
  const members = repo.config.groups[group].packages.map((d) => repo.packages.get(d))
  const written = members.filter((p) => p && p.source.kind !== 'vcs')
  const versions = (
    written.length
      ? written.map((p) => normalizeVersion(p?.version ?? ''))
      : members.map((p) => (p ? versionFromTags(repo.config, p, tags) : null))
  )
    .filter((v): v is string => v !== null)
    .sort(compareVersions)
  return versions.length ? versions[versions.length - 1] : null
}

/** The changelog file a target's section goes to: its `changelog`, else the one release reads, else `<first package>/CHANGELOG.md`. */
export function changelogFileOf(repo: Monorepo, target: Target): string {
  const workDir = repo.paths.workDir
  if (target.changelog) return path.join(workDir, target.changelog)
  const own = path.join(workDir, target.packages[0] ?? '.', 'CHANGELOG.md')
  const root = path.join(workDir, 'CHANGELOG.md')
  return existsSync(own) || !existsSync(root) ? own : root
}

const shortOf = (c: ConventionalCommit): string => `${c.type ?? 'commit'}${c.breaking ? '!' : ''} ${c.sha.slice(0, 7)}: ${c.subject}`

export interface BumpRequest {
  /** A group or target name; '' with `all`. */
  component: string
  /** A PEP 440 version, major/minor/patch, or auto. */
  version: string
  /** Every group that changed since its last release tag. */
  all: boolean
  dryRun: boolean
  allowDowngrade: boolean
  /** PATH for `uv lock`. */
  envPath: string
  /** The changelog's date, `YYYY-MM-DD`. */
  date: string
  /** The repository's web address when origin's URL gives none (`https://github.com/OWNER/REPO`), or null. */
  repoUrl: string | null
}

/** No groups to bump: no config, or a config with only `exclude`/`waivers` (which behaves like none). */
const noGroups = (repo: Monorepo): boolean => repo.config.kind === 'none' || !hasGroups(repo.config)

/**
 * Bump one group (`component`) or every changed group (`all`) to an explicit version, a
 * keyword or `auto` (from the Conventional Commits since each group's last release tag), and
 * write each target's changelog section. Groups are bumped one after the other, the monorepo
 * read again before each (a bump rewrites pins in other groups' files).
 */
export async function bumpGroups(inputs: Inputs, request: BumpRequest): Promise<GroupBump[]> {
  // the local tags give the version of members versioned by git tags (read only when there are such members)
  let { repo, tags: localTags } = await readMonorepo(inputs)
  if (repo.problems.length > 0 || noGroups(repo)) {
    // the single-group bump reports these with its own words
    return [await bumpOne(repo, null, localTags, request.component, request)]
  }
  const auto = request.version === 'auto'
  const wantsHistory = auto || request.all
  const history = await readHistory(repo.paths.workDir).catch((error: unknown) => {
    if (wantsHistory) throw error
    return null
  })
  if (wantsHistory && history?.tags == null) throw needGit(auto ? '`auto`' : '`all`', history)
  if (!request.all) return [await bumpOne(repo, history, localTags, request.component, request)]
  const changes = await changedGroups(repo, history as History)
  const out: GroupBump[] = []
  for (const change of changes) {
    if (!change.changed) {
      const skipped = `group ${change.group}: ${change.reason}`
      out.push({ ...emptyBump(repo, change.group, change.since), skipped })
      continue
    }
    if (out.some((b) => b.files.length > 0) && !request.dryRun) ({ repo, tags: localTags } = await readMonorepo(inputs))
    out.push(await bumpOne(repo, history, localTags, change.group, request))
  }
  return out
}

function emptyBump(repo: Monorepo, group: string, since: string | null): GroupBump {
  return {
    group,
    from: null,
    version: null,
    skipped: null,
    since,
    because: '',
    rows: [],
    files: [],
    changelogs: [],
    notices: [],
    fromTags: false,
    toRelease: false,
    hasTarget: Object.values(repo.config.targets).some((t) => t.group === group)
  }
}

async function bumpOne(
  repo: Monorepo,
  history: History | null,
  vcsTags: string[] | null,
  component: string,
  request: BumpRequest
): Promise<GroupBump> {
  const tags = history?.tags ?? []
  const bump = async (
    version: string
  ): Promise<{ rows: Row[]; files: string[]; notices: string[]; version: string; fromTags: boolean; current: string }> => {
    const { plan, files, notices } = await performBump(
      repo,
      { component, version, allowDowngrade: request.allowDowngrade, tags: vcsTags },
      request.dryRun,
      request.envPath
    )
    return {
      rows: plan.rows,
      files,
      notices,
      version: plan.version,
      fromTags: plan.fromTags,
      current: [...new Set(plan.current)].join(', ')
    }
  }
  // no config, a broken one, no component: the planner says so
  if (repo.problems.length > 0 || noGroups(repo) || !component || !request.version) {
    await bump(request.version === 'auto' ? 'patch' : request.version)
  }
  const group = resolveComponent(repo.config, component).groups[0]
  const scope = groupScopes(repo).find((s) => s.group === group) as GroupScope
  const found = history?.tags ? await lastRelease(repo, scope, history) : null
  const commits = history?.tags ? await groupCommits(history, scope, found?.tag ?? null, request.version === 'auto') : []
  const current = currentVersion(repo, group, vcsTags ?? tags)
  // a release-level tag's version is not the group's: the version it last shipped is (else the files')
  const last = found?.train ? { ...found, version: found.released ?? current ?? found.version } : found
  const base = { ...emptyBump(repo, group, last?.tag ?? null), from: current }
  let version = request.version
  let because = request.version === 'auto' ? '' : /^(major|minor|patch)$/.test(request.version) ? request.version : 'the version given'
  if (request.version === 'auto') {
    if (!last) {
      return {
        ...base,
        toRelease: true,
        version: null,
        because: 'never released',
        skipped: `group ${group} has no release tag yet: its first release is its current version${current ? ` ${current}` : ''}`
      }
    }
    const next = nextFromCommits(last.version, commits, { ...PRE_MAJOR_DEFAULT, ...repo.config.preMajor }, repo.config.changelogSections)
    if ('invalid' in next) {
      throw new PyshipError(
        'E_INVALID_VERSION',
        `commit ${next.invalid.sha.slice(0, 12)} says Release-As: ${JSON.stringify(next.invalid.releaseAs)}, which is not a PEP 440 version`,
        {
          hint: 'Write the footer as `Release-As: 2.1.0` in a new commit (an empty one will do: git commit --allow-empty).'
        }
      )
    }
    if (next.version === null) {
      return { ...base, version: null, because: '', skipped: `group ${group}: ${next.why} since ${last.tag}; nothing to release` }
    }
    because =
      next.level === 'release-as'
        ? `Release-As: ${next.version} (${next.because.sha.slice(0, 7)})`
        : `${next.level} from ${shortOf(next.because)}`
    if (current && compareVersions(next.version, current) <= 0) {
      return {
        ...base,
        toRelease: true,
        version: null,
        because,
        skipped: `group ${group} is already at ${current} (the commits since ${last.tag} ask for ${next.version}); nothing to change`
      }
    }
    version = next.version
  }
  const done = await bump(version)
  const result: GroupBump = {
    ...base,
    from: done.current || current,
    version: done.version,
    because,
    rows: done.rows,
    files: [...done.files],
    notices: [...done.notices],
    fromTags: done.fromTags,
    toRelease: true
  }
  if (done.rows.length === 0) return result
  // the changelog: each target's file once, unless the project writes its own
  const targets = Object.values(repo.config.targets).filter((t) => t.group === group)
  const byFile = new Map<string, Target>()
  for (const t of targets) {
    if (t.changelogWrite === false) {
      result.notices.push(`${t.name}: changelog-write = false, its changelog is left to the project`)
      continue
    }
    const file = changelogFileOf(repo, t)
    if (!byFile.has(file)) byFile.set(file, t)
  }
  const releasable = releasableTypes(repo.config.changelogSections ?? DEFAULT_SECTIONS)
  const listed = commits.filter((c) => c.breaking || releasable.includes(c.type ?? ''))
  if (byFile.size === 0) return result
  if (listed.length === 0) {
    result.notices.push(
      `no changelog section: no ${releasable.join(', ')} or breaking commit touched group ${group}${last ? ` since ${last.tag}` : ''}`
    )
    return result
  }
  const repoUrl = webUrlOf(history ? await history.git.originUrl() : null) ?? request.repoUrl
  const writes: { abs: string; content: string; previous: string; created: boolean }[] = []
  for (const [abs, t] of byFile) {
    const previous = existsSync(abs) ? readFileSync(abs, 'utf8') : null
    const rel = path.relative(repo.paths.repoRoot, abs).split(path.sep).join('/')
    if (previous !== null && changelogSection(previous, done.version) !== null) {
      result.notices.push(`${rel} already has a section for ${done.version}: left as it is`)
      continue
    }
    // the comparison starts at the release the files came from (a reverted tag above them is not one)
    const previousTag = lastReleaseTag([t.tag], tags, current)?.tag ?? null
    const section = renderSection({
      version: done.version,
      date: request.date,
      commits: listed,
      repoUrl,
      previousTag,
      tag: tagFor(t.tag, done.version),
      sections: repo.config.changelogSections
    })
    // Keep a Changelog's [Unreleased] comparison now starts at this release's tag
    const content = moveUnreleasedLink(insertSection(previous, section), tagFor(t.tag, done.version))
    writes.push({ abs, content, previous: previous ?? '', created: previous === null })
    result.changelogs.push(rel)
  }
  if (!request.dryRun) {
    writeAllOrNothing(writes.filter((w) => !w.created))
    for (const w of writes.filter((x) => x.created)) writeFileSync(w.abs, w.content, { flag: 'wx' })
  }
  result.files.push(...result.changelogs.filter((f) => !result.files.includes(f)))
  return result
}

/** A release that has nothing to publish: its group did not change since its last release tag. */
export interface UnchangedRelease {
  group: string
  tag: string
  version: string
  reason: string
}

/**
 * Whether the group `inputs.component` names has nothing to release (SPEC §11): its last release
 * tag is on an older commit and no file of its packages, nor of a package it pins, changed since.
 * Null whenever that cannot be told for sure (no config, no git, no tag, a shallow checkout without
 * the tag's commit) or the tag is on this very commit (a re-run: the release resumes as always).
 */
export async function unchangedSinceRelease(inputs: Inputs): Promise<UnchangedRelease | null> {
  if (!inputs.component) return null
  const { repo } = await readMonorepo(inputs)
  if (repo.problems.length > 0 || noGroups(repo)) return null
  const group = resolveComponent(repo.config, inputs.component).groups[0]
  const scope = groupScopes(repo).find((s) => s.group === group)
  const git = new Git(repo.paths.workDir)
  const tags = await git.mergedTags()
  const last = scope && tags ? await lastRelease(repo, scope, { git, tags }) : null
  if (!scope || !last) return null
  const [tagCommit, head] = await Promise.all([git.commitOf(last.tag), git.headCommit()])
  if (tagCommit === null || tagCommit === head) return null
  // uncommitted changes of its packages count too (preflight then stops on them)
  const dirty = (await git.dirtyFiles()).map((f) =>
    path.relative(repo.paths.workDir, path.join(repo.paths.repoRoot, f)).split(path.sep).join('/')
  )
  if (dirty.some((f) => ownsFile(scope, f) || scope.pinned.some((d) => ownsFile({ dirs: [d], excluded: [] }, f)))) return null
  // what changed is told as for every group (a pinned package since its own last release)
  const [change] = await changedGroups(repo, { git, tags: tags as string[] }, null, [group])
  return change.changed ? null : { group, tag: last.tag, version: last.version, reason: change.reason }
}

/**
 * What a release of every changed group (input `all`) releases, read from the working directory:
 * a broken config stops it (E_CONFIG), and so does a repository without groups.
 */
export async function releaseSetOf(inputs: Inputs): Promise<ReleaseSet> {
  const { repo } = await readMonorepo(inputs)
  if (repo.problems.length > 0) throw fromProblems(repo.problems)
  if (noGroups(repo)) {
    throw new PyshipError(
      'E_CONFIG',
      'a release of every changed group (`all`) needs groups, and this repository has no [tool.pyship] groups',
      {
        hint: 'Declare the groups and their targets in [tool.pyship] (README "Config"), or release one component.'
      }
    )
  }
  return changedForRelease(repo)
}

/** What a group left out of a release of every changed group says (a notice each). */
export const skippedNotices = (set: ReleaseSet): string[] => set.skipped.map((c) => `skipped ${c.group}: ${c.reason}`)

/** What release and plan report when no group changed since its last release: exit 0, nothing published, an empty matrix. */
export function nothingChangedResult(command: 'release' | 'plan', set: ReleaseSet, dryRun: boolean): CommandResult {
  const said = `no group changed since its last release: nothing to ${command === 'plan' ? 'build' : 'publish'}`
  return {
    command,
    headline: `${command}${dryRun && command === 'release' ? ' (dry run)' : ''}: ${said}`,
    problems: [],
    outputs: {
      version: '',
      tags: '[]',
      ...(command === 'release'
        ? { 'release-urls': '[]', 'pypi-urls': '[]', images: '[]', released: 'false' }
        : { matrix: JSON.stringify({ include: [] }), commit: '' }),
      plan: JSON.stringify({
        version: null,
        dryRun,
        skipped: set.skipped.map((c) => ({ group: c.group, since: c.since, reason: c.reason })),
        steps: []
      })
    },
    table: {
      header: ['Step', 'Status', 'Detail', 'Duration'],
      rows: [['plan', 'skipped', said, ''], ...set.skipped.map((c) => [`group ${c.group}`, 'skipped', c.reason, ''])]
    },
    notices: skippedNotices(set)
  }
}

/** What release and plan report for a group with nothing to release: exit 0, nothing published, an empty matrix. */
export function unchangedResult(command: 'release' | 'plan', u: UnchangedRelease, dryRun: boolean): CommandResult {
  const said = `group ${u.group} has not changed since its last release ${u.tag} (${u.reason}): nothing to ${command === 'plan' ? 'build' : 'publish'}`
  return {
    command,
    headline: `${command}${dryRun && command === 'release' ? ' (dry run)' : ''}: ${said}`,
    problems: [],
    outputs: {
      version: u.version,
      tags: '[]',
      ...(command === 'release'
        ? { 'release-urls': '[]', 'pypi-urls': '[]', images: '[]', released: 'false' }
        : { matrix: JSON.stringify({ include: [] }), commit: '' }),
      plan: JSON.stringify({ version: u.version, dryRun, skipped: { group: u.group, since: u.tag, reason: u.reason }, steps: [] })
    },
    table: { header: ['Step', 'Status', 'Detail', 'Duration'], rows: [['plan', 'skipped', said, '']] },
    notices: [`skipped ${u.group}: unchanged since ${u.tag}; bump it (e.g. \`pyship bump ${u.group} auto\`) once something of it changed`]
  }
}
