/**
 * setuptools: `[tool.setuptools.dynamic] version = { attr = "pkg.__version__" }` (the module
 * file in the package's `src/` or flat layout, or its `package-dir`; a literal assignment) or
 * `{ file = "VERSION" }` (the whole file).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { assignmentFinder, wholeFileFinder } from '../version-file.js'
import {
  dynamicVersion,
  fileSource,
  strings,
  table,
  toolTable,
  unknown,
  type BackendContext,
  type VersionBackend,
  type VersionSource
} from './backend.js'

/** The module file of a dotted module name, in the `src/` or flat layout (or setuptools' package-dir). */
export function moduleFile(ctx: BackendContext, module: string, packageDir: Record<string, unknown>): string | null {
  const parts = module.split('.')
  const roots: string[][] = []
  const mapped = packageDir[parts[0]]
  if (typeof mapped === 'string') roots.push([mapped, ...parts.slice(1)])
  for (const base of [packageDir[''], 'src', '.']) if (typeof base === 'string') roots.push([base, ...parts])
  for (const root of roots) {
    for (const candidate of [path.join(...root, '__init__.py'), `${path.join(...root)}.py`]) {
      if (existsSync(path.join(ctx.dir, candidate))) return candidate
    }
  }
  return null
}

function read(ctx: BackendContext): VersionSource {
  const spec = table(table(toolTable(ctx, 'setuptools').dynamic).version)
  if (typeof spec.attr === 'string') {
    const at = spec.attr.lastIndexOf('.')
    if (at <= 0) return unknown('setuptools attr', `attr = ${JSON.stringify(spec.attr)} names no module (expected "package.__version__")`)
    const [module, name] = [spec.attr.slice(0, at), spec.attr.slice(at + 1)]
    const packageDir = table(toolTable(ctx, 'setuptools')['package-dir'])
    const file = moduleFile(ctx, module, packageDir)
    if (!file)
      return unknown(
        'setuptools attr',
        `attr = ${JSON.stringify(spec.attr)}: no ${module.replace(/\./g, '/')}/__init__.py or ${module.replace(/\./g, '/')}.py in src/ or the package directory`
      )
    return fileSource(ctx, 'setuptools attr', file, assignmentFinder(name), name)
  }
  const files = typeof spec.file === 'string' ? [spec.file] : strings(spec.file)
  if (files.length === 1) return fileSource(ctx, 'setuptools file', files[0], wholeFileFinder)
  if (files.length > 1) return unknown('setuptools file', 'version = { file = [...] } with several files is not supported')
  return unknown('setuptools', '[tool.setuptools.dynamic] version has neither `attr` nor `file`')
}

export const setuptools: VersionBackend = {
  name: 'setuptools',
  claims: (ctx) => dynamicVersion(ctx.doc) && table(toolTable(ctx, 'setuptools').dynamic).version !== undefined,
  read
}
