import { describe, expect, test } from '@jest/globals'
import { versionOverrideEnv } from '../../src/pyproject/override.js'
import type { VersionSource } from '../../src/pyproject/version-source.js'

describe('versionOverrideEnv: the backend override that builds exactly the release version', () => {
  test.each<[string, VersionSource, Record<string, string>]>([
    // setuptools-scm >= 8 reads the normalized name, 7.x the name as written, upper-cased
    [
      'Orbit.Core_SDK',
      { kind: 'vcs', backend: 'setuptools-scm' },
      { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_ORBIT_CORE_SDK: '2.0.0', 'SETUPTOOLS_SCM_PRETEND_VERSION_FOR_ORBIT.CORE_SDK': '2.0.0' }
    ],
    ['orbit_core', { kind: 'vcs', backend: 'setuptools-scm' }, { SETUPTOOLS_SCM_PRETEND_VERSION_FOR_ORBIT_CORE: '2.0.0' }],
    [
      'orbit-api',
      { kind: 'vcs', backend: 'hatch-vcs' },
      {
        SETUPTOOLS_SCM_PRETEND_VERSION: '2.0.0',
        SETUPTOOLS_SCM_PRETEND_VERSION_FOR_ORBIT_API: '2.0.0',
        'SETUPTOOLS_SCM_PRETEND_VERSION_FOR_ORBIT-API': '2.0.0'
      }
    ],
    ['udv', { kind: 'vcs', backend: 'uv-dynamic-versioning' }, { UV_DYNAMIC_VERSIONING_BYPASS: '2.0.0' }],
    ['poet', { kind: 'vcs', backend: 'poetry-dynamic-versioning' }, { POETRY_DYNAMIC_VERSIONING_BYPASS: '2.0.0' }],
    ['pdm-pkg', { kind: 'vcs', backend: 'pdm scm' }, { PDM_BUILD_SCM_VERSION: '2.0.0' }],
    ['vit', { kind: 'vcs', backend: 'versioningit' }, {}],
    ['static', { kind: 'static', backend: '[project] version' }, {}],
    ['in-a-file', { kind: 'file', backend: 'hatch path' }, {}],
    ['lost', { kind: 'unknown', backend: 'hatch', reason: 'x' }, {}]
  ])('%s (%j)', (name, source, expected) => {
    expect(versionOverrideEnv({ name, source }, '2.0.0')).toEqual(expected)
  })
})
