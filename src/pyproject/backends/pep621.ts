/** PEP 621: `[project] version = "…"` (poetry-core projects with a `[project]` table too). */
import { isTable } from '../toml.js'
import { dynamicVersion, type VersionBackend } from './backend.js'

export const pep621: VersionBackend = {
  name: 'pep621',
  claims: (ctx) => isTable(ctx.doc.value.project) && !dynamicVersion(ctx.doc),
  read: () => ({ kind: 'static', backend: '[project] version', tomlPath: ['project', 'version'] })
}
