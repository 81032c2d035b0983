/** flit: the module named after the project (or `[tool.flit.module] name`) and its literal `__version__`. */
import { isTable } from '../toml.js'
import { assignmentFinder } from '../version-file.js'
import { buildSystem, dynamicVersion, fileSource, table, toolTable, unknown, type VersionBackend } from './backend.js'
import { moduleFile } from './setuptools.js'

export const flit: VersionBackend = {
  name: 'flit',
  claims: (ctx) => dynamicVersion(ctx.doc) && buildSystem(ctx.doc).backend.startsWith('flit_core'),
  read(ctx) {
    const configured = table(toolTable(ctx, 'flit').module).name
    const project = isTable(ctx.doc.value.project) ? ctx.doc.value.project : {}
    const projectName = typeof project.name === 'string' ? project.name : ''
    const module = typeof configured === 'string' ? configured : projectName.replace(/[-.]/g, '_')
    if (!module) return unknown('flit', 'flit reads the module named after the project, but [project] has no name')
    const file = moduleFile(ctx, module, {})
    if (!file)
      return unknown(
        'flit',
        `flit reads ${module}.__version__, but there is no ${module.replace(/\./g, '/')}/__init__.py or ${module}.py in src/ or the package directory`
      )
    return fileSource(ctx, 'flit', file, assignmentFinder('__version__'), '__version__')
  }
}
