/** Input rules of what a release reads: registry, python-version, registry-username, matrix-entry, latest, URLs, booleans, secrets. */
import { describe, expect, test } from '@jest/globals'
import { run, type Found } from '../../__fixtures__/input-rules.js'
import type { InputRule } from '../../src/input-rules/context.js'
import * as rules from '../../src/input-rules/release.js'

const REGISTRY = 'a registry host such as ghcr.io or localhost:5000 (port 1-65535)'
const PYTHON = 'a Python version such as 3.11 (or a uv interpreter request such as pypy3.10)'
const notAllowed = (name: string, shown: string, allowed: string): Found => [
  'E_INPUT',
  `input ${name} = ${shown} is not allowed: ${allowed}`
]

describe('input rules, one value each', () => {
  const ROWS: [string, InputRule, string, string, unknown, Found[]][] = [
    ['registry', rules.registry, 'registry', '', 'ghcr.io', []],
    ['registry', rules.registry, 'registry', 'localhost:5000', 'localhost:5000', []],
    ['registry', rules.registry, 'registry', '127.0.0.1:1', '127.0.0.1:1', []],
    ['registry', rules.registry, 'registry', 'r.example:65535', 'r.example:65535', []],
    ['registry', rules.registry, 'registry', 'r.example:65536', 'r.example:65536', [notAllowed('registry', '"r.example:65536"', REGISTRY)]],
    ['registry', rules.registry, 'registry', 'r.example:0', 'r.example:0', [notAllowed('registry', '"r.example:0"', REGISTRY)]],
    ['registry', rules.registry, 'registry', 'ghcr.io/owner', 'ghcr.io/owner', [notAllowed('registry', '"ghcr.io/owner"', REGISTRY)]],
    ['registry', rules.registry, 'registry', '-ghcr.io', '-ghcr.io', [notAllowed('registry', '"-ghcr.io"', REGISTRY)]],
    [
      'registry',
      rules.registry,
      'registry',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
      []
    ],
    [
      'registry',
      rules.registry,
      'registry',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      [notAllowed('registry', `"${'a'.repeat(60)}…"`, REGISTRY)]
    ],
    ['pythonVersion', rules.pythonVersion, 'python-version', '', '3.11', []],
    ['pythonVersion', rules.pythonVersion, 'python-version', 'cpython@3.12', 'cpython@3.12', []],
    ['pythonVersion', rules.pythonVersion, 'python-version', `3${'1'.repeat(31)}`, `3${'1'.repeat(31)}`, []],
    [
      'pythonVersion',
      rules.pythonVersion,
      'python-version',
      `3${'1'.repeat(32)}`,
      `3${'1'.repeat(32)}`,
      [notAllowed('python-version', `"3${'1'.repeat(32)}"`, PYTHON)]
    ],
    [
      'pythonVersion',
      rules.pythonVersion,
      'python-version',
      '--version',
      '--version',
      [notAllowed('python-version', '"--version"', PYTHON)]
    ],
    ['registryUsername', rules.registryUsername, 'registry-username', 'octocat', 'octocat', []],
    ['registryUsername', rules.registryUsername, 'registry-username', 'u'.repeat(256), 'u'.repeat(256), []],
    [
      'registryUsername',
      rules.registryUsername,
      'registry-username',
      'u'.repeat(257),
      'u'.repeat(257),
      [notAllowed('registry-username', `"${'u'.repeat(60)}…"`, 'at most 256 characters')]
    ],
    ['latest', rules.latest, 'latest', '', 'auto', []],
    ['latest', rules.latest, 'latest', 'false', 'false', []],
    ['latest', rules.latest, 'latest', 'yes', 'yes', [notAllowed('latest', '"yes"', 'auto, true or false')]],
    ['dryRun', rules.dryRun, 'dry-run', '', false, []],
    ['dryRun', rules.dryRun, 'dry-run', 'True', true, []],
    ['dryRun', rules.dryRun, 'dry-run', 'FALSE', false, []],
    ['dryRun', rules.dryRun, 'dry-run', 'yes', false, [notAllowed('dry-run', '"yes"', 'use true or false')]],
    ['runTests', rules.runTests, 'run-tests', '', true, []],
    ['runTests', rules.runTests, 'run-tests', 'false', false, []],
    ['buildIsolation', rules.buildIsolation, 'build-isolation', '', true, []],
    ['buildIsolation', rules.buildIsolation, 'build-isolation', 'False', false, []],
    ['installCheck', rules.installCheck, 'install-check', '', false, []],
    ['installCheck', rules.installCheck, 'install-check', 'TRUE', true, []],
    ['pypiUploadUrl', rules.pypiUploadUrl, 'pypi-upload-url', '', 'https://upload.pypi.org/legacy/', []],
    ['pypiUploadUrl', rules.pypiUploadUrl, 'pypi-upload-url', 'http://localhost:8080/', 'http://localhost:8080/', []],
    ['pypiUrl', rules.pypiUrl, 'pypi-url', '', 'https://pypi.org', []],
    [
      'pypiUrl',
      rules.pypiUrl,
      'pypi-url',
      'ftp://pypi.org',
      'ftp://pypi.org',
      [notAllowed('pypi-url', '"ftp://pypi.org"', 'an http(s) URL is expected')]
    ],
    ['pypiUrl', rules.pypiUrl, 'pypi-url', 'pypi.org', 'pypi.org', [notAllowed('pypi-url', '"pypi.org"', 'an http(s) URL is expected')]],
    ['pypiUrl', rules.pypiUrl, 'pypi-url', `https://p/${'x'.repeat(2038)}`, `https://p/${'x'.repeat(2038)}`, []],
    [
      'pypiUrl',
      rules.pypiUrl,
      'pypi-url',
      `https://p/${'x'.repeat(2039)}`,
      `https://p/${'x'.repeat(2039)}`,
      [notAllowed('pypi-url', `"https://p/${'x'.repeat(50)}…"`, 'at most 2048 characters')]
    ],
    [
      'pypiUploadUrl',
      rules.pypiUploadUrl,
      'pypi-upload-url',
      'https://__token__:pypi-secret@upload.pypi.org/legacy/',
      '',
      [
        [
          'E_INPUT',
          'input pypi-upload-url carries credentials (user:password@host); they would end up in logs and process lists',
          'Give the URL without credentials and pass the token as `pypi-token` (a secret).'
        ]
      ]
    ],
    [
      'pypiUrl',
      rules.pypiUrl,
      'pypi-url',
      'https://user@pypi.org',
      '',
      [
        [
          'E_INPUT',
          'input pypi-url carries credentials (user:password@host); they would end up in logs and process lists',
          'Give the URL without credentials and pass the token as `pypi-token` (a secret).'
        ]
      ]
    ],
    ['pypiToken', rules.pypiToken, 'pypi-token', 'pypi-a\nb', 'pypi-a\nb', []],
    ['githubToken', rules.githubToken, 'github-token', 'ghs_x', 'ghs_x', []],
    ['registryPassword', rules.registryPassword, 'registry-password', 'p\u0007w', 'p\u0007w', []]
  ]
  test.each(
    ROWS.map(
      ([field, rule, name, value, expected, problems]) =>
        [
          name,
          value.length > 80 ? `${value.slice(0, 20)}… (${value.length} characters)` : value,
          field,
          rule,
          expected,
          problems,
          value
        ] as const
    )
  )('%s = %j', (name, _shown, field, rule, expected, problems, value) => {
    expect(run(rule, { [name]: value })).toEqual({ fields: { [field]: expected }, problems })
  })

  test.each<[string, string, string]>([
    ['{"target":"cli"}', '{"target":"cli"}', ''],
    ['{\n  "target": "cli"\r\n}', '{\n  "target": "cli"\r\n}', ''],
    [
      '{"a":"\u0001"}',
      '{"a":"\u0001"}',
      'input matrix-entry = "{\\"a\\":\\"\\u0001\\"}" is not allowed: one entry of the matrix output of command plan (JSON, at most 4096 characters)'
    ],
    ['x'.repeat(4096), 'x'.repeat(4096), ''],
    [
      'x'.repeat(4097),
      'x'.repeat(4097),
      `input matrix-entry = "${'x'.repeat(60)}…" is not allowed: one entry of the matrix output of command plan (JSON, at most 4096 characters)`
    ]
  ])('matrixEntry (build): %j', (value, expected, message) => {
    expect(run(rules.matrixEntry, { command: 'build', 'matrix-entry': value })).toEqual({
      fields: { matrixEntry: expected },
      problems: message ? [['E_INPUT', message]] : []
    })
  })
})
