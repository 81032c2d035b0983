/**
 * release/attestations.ts: what is signed and where it is written. Every file the release
 * will upload is signed over its own name and the SHA-256 of its bytes, its attestation is
 * written beside it (replacing whatever was there) and handed to publish for that very file;
 * with an API token or `attestations: false` nothing is signed.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { attestUploads, TOKEN_NOTICE, type Sign } from '../../src/release/attestations.js'
import type { PypiAttestation, Subject } from '../../src/attestation/publish.js'
import type { PackagePlan } from '../../src/release/plan.js'
import type { PackageState } from '../../src/release/state.js'
import { testState, testTarget } from '../../__fixtures__/test-state.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-attest-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const OIDC = { url: 'http://runner/token', token: 'request-token' }
const file = (name: string, content: string): string => {
  writeFileSync(path.join(dir, name), content)
  return path.join(dir, name)
}
const pkg = (name: string, built: string[], toUpload = built): PackageState => ({
  plan: { name, dir: name } as PackagePlan,
  onIndex: null,
  built,
  toUpload
})
/** A signer that records what it was asked and "signs" by echoing the subject. */
const recorder = (): { sign: Sign; asked: Subject[][] } => {
  const asked: Subject[][] = []
  const sign: Sign = async (subjects) => {
    asked.push(subjects)
    return subjects.map(
      (s) => ({ version: 1, envelope: { statement: `${s.name}:${s.sha256}`, signature: 'sig' } }) as unknown as PypiAttestation
    )
  }
  return { sign, asked }
}
const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('attestUploads', () => {
  test('each file to upload: signed over its own name and bytes, its attestation beside it and mapped to it', async () => {
    const whl = file('a-1.0-py3-none-any.whl', 'wheel bytes')
    const sdist = file('a-1.0.tar.gz', 'sdist bytes')
    const other = file('b-1.0-py3-none-any.whl', 'other wheel')
    writeFileSync(`${whl}.publish.attestation`, 'STALE from an earlier attempt')
    const a = pkg('a', [whl, sdist])
    const b = pkg('b', [other], []) // already on the index: not uploaded, not signed
    const state = testState({
      inputs: { attestations: true, pypiToken: '', fulcioUrl: 'https://f', rekorUrl: 'https://r' },
      runner: { oidc: OIDC },
      targets: [testTarget('a-v1.0', { packages: [a, b] })]
    })
    const { sign, asked } = recorder()
    expect(await attestUploads(state, sign)).toBe('2 PEP 740 attestations signed')
    expect(asked).toEqual([
      [
        { name: 'a-1.0-py3-none-any.whl', sha256: sha('wheel bytes') },
        { name: 'a-1.0.tar.gz', sha256: sha('sdist bytes') }
      ]
    ])
    for (const [f, content] of [
      [whl, 'wheel bytes'],
      [sdist, 'sdist bytes']
    ]) {
      expect(a.attestations?.get(f)).toBe(`${f}.publish.attestation`)
      expect(JSON.parse(readFileSync(`${f}.publish.attestation`, 'utf8')).envelope.statement).toBe(`${path.basename(f)}:${sha(content)}`)
    }
    expect(b.attestations).toBeUndefined()
  })

  test.each([
    ['attestations: false', { attestations: false, pypiToken: '' }, []],
    ['an API token (as pypa/gh-action-pypi-publish)', { attestations: true, pypiToken: 'pypi-x' }, [TOKEN_NOTICE]],
    ['an API token and attestations: false', { attestations: false, pypiToken: 'pypi-x' }, []]
  ])('%s: nothing signed, nothing written', async (_what, inputs, notices) => {
    const whl = file('a-1.0-py3-none-any.whl', 'wheel bytes')
    const a = pkg('a', [whl])
    const state = testState({ inputs, runner: { oidc: OIDC }, targets: [testTarget('a-v1.0', { packages: [a] })] })
    const { sign, asked } = recorder()
    expect(await attestUploads(state, sign)).toBeNull()
    expect(asked).toEqual([])
    expect(a.attestations).toBeUndefined()
    expect(state.notices).toEqual(notices)
  })

  test('a signing failure is thrown and no attestation is left for an upload', async () => {
    const whl = file('a-1.0-py3-none-any.whl', 'wheel bytes')
    const a = pkg('a', [whl])
    const state = testState({
      inputs: { attestations: true, pypiToken: '' },
      runner: { oidc: OIDC },
      targets: [testTarget('a-v1.0', { packages: [a] })]
    })
    await expect(
      attestUploads(state, async () => {
        throw new Error('Fulcio is down')
      })
    ).rejects.toThrow('Fulcio is down')
    expect(a.attestations).toBeUndefined()
  })
})
