/** bump and external packages: their files are never edited, and each pin left behind is said. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { planned, bumpContextOf } from '../../../__fixtures__/bump-rules.js'
import { pyproject, uvLock } from '../../../__fixtures__/check-rules.js'
import { externalPins } from '../../../src/monorepo/bump-rules/external-pins.js'
import { planBump } from '../../../src/monorepo/bump-plan.js'

afterEach(removeTempDirs)

const TREE: Tree = {
  'pyproject.toml':
    '[tool.uv.workspace]\nmembers = ["core", "legacy", "app"]\n[tool.pyship.groups.g]\npackages = ["core", "app"]\n[tool.pyship.packages."legacy"]\nexternal = true\n',
  'core/pyproject.toml': pyproject('core', '1.0.0'),
  'app/pyproject.toml': pyproject('app', '1.0.0', 'dependencies = ["core==1.0.0", "legacy==0.1.0"]\n'),
  'legacy/pyproject.toml': pyproject('legacy', '0.1.0', 'dependencies = [\n  "core==0.9.0",\n  "core>=0.5",\n]\n'),
  'legacy/uv.lock': uvLock({ legacy: '0.1.0', core: '0.9.0' }),
  'uv.lock': uvLock({ core: '1.0.0', legacy: '0.1.0', app: '1.0.0' })
}

describe('bump rule external-pins', () => {
  test('a pin of the external package that excludes the new version is left, and said; one that admits it is not mentioned', () => {
    expect(planned(externalPins, TREE, { version: '2.0.0' })).toEqual({
      edits: [],
      problems: [],
      notices: [
        'legacy/pyproject.toml:5: left "core==0.9.0" (dependencies) as it is, although it excludes core 2.0.0: legacy is external (consumed from the index)'
      ]
    })
  })

  test('the whole plan edits no file of the external package', () => {
    const plan = planBump(bumpContextOf(TREE, { version: '2.0.0' }).repo, {
      component: 'g',
      version: '2.0.0',
      allowDowngrade: false,
      uvLocks: false
    })
    expect(plan.rows.map((r) => `${r.file}:${r.line} ${r.from} → ${r.to}`)).toEqual([
      'core/pyproject.toml:3 1.0.0 → 2.0.0',
      'app/pyproject.toml:3 1.0.0 → 2.0.0',
      'app/pyproject.toml:4 core==1.0.0 → core==2.0.0',
      'uv.lock:6 1.0.0 → 2.0.0',
      'uv.lock:16 1.0.0 → 2.0.0'
    ])
    expect(plan.notices).toContain(
      'legacy/pyproject.toml:5: left "core==0.9.0" (dependencies) as it is, although it excludes core 2.0.0: legacy is external (consumed from the index)'
    )
  })
})
