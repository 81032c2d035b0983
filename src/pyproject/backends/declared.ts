/**
 * The declared source: where no backend applies, the config names the file and the pattern
 * (`[tool.pyship.packages."<dir>"] version = { path = "…", pattern = '…(?P<version>…)…' }`,
 * the path relative to the package directory). A file that does not exist, or a pattern that
 * finds nothing, is E_VERSION_SOURCE on the config's `version` line.
 */
import path from 'node:path'
import { locateVersion, pythonRegex, regexFinder, VersionFileError } from '../version-file.js'
import type { BackendContext, VersionBackend, VersionSource } from './backend.js'

const BACKEND = 'declared'

export const declared: VersionBackend = {
  name: 'declared',
  claims: (ctx) => ctx.declared !== undefined,
  read(ctx): VersionSource {
    const { path: relPath, pattern, location } = ctx.declared as NonNullable<BackendContext['declared']>
    const root = ctx.rel ? ctx.dir.slice(0, ctx.dir.length - ctx.rel.length - 1) : ctx.dir
    const abs = path.resolve(ctx.dir, relPath)
    const file = path.relative(root, abs).split(path.sep).join('/')
    const fail = (why: string, hint: string): VersionSource => ({
      kind: 'unknown',
      backend: BACKEND,
      reason: `the config declares its version in ${file}, ${why}`,
      hint,
      ...(location ? { at: location } : {})
    })
    if (file.startsWith('..') || path.isAbsolute(file))
      return fail('outside the repository', 'Name a file inside the repository, relative to the package directory.')
    try {
      return { kind: 'file', backend: BACKEND, spot: locateVersion(abs, file, regexFinder(pythonRegex(pattern))), tally: 'declared' }
    } catch (error) {
      if (!(error instanceof VersionFileError)) throw error
      if (error.message === 'no version found in it')
        return fail(
          `but its pattern ${JSON.stringify(pattern)} finds no version in it`,
          `Fix the \`pattern\` so its (?P<version>…) group matches the version written in ${file}.`
        )
      return fail(
        `but ${error.message}`,
        `Fix the \`path\` (relative to the package directory ${ctx.rel || '.'}) so it names the file that carries the version.`
      )
    }
  }
}
