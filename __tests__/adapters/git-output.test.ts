/**
 * What a failed git command tells the user (SPEC §5 codes, §7 no credentials in messages,
 * §8 bounded network calls): git's words sorted into E_CONFIG / E_NETWORK /
 * E_GITHUB_DENIED / E_INPUT, origin named without its credentials, a stalled origin given
 * up on after the idle timeout, and only the commands that change origin shown in the log.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { configureHttp } from '../../src/adapters/http.js'
import { Git, gitFailureCode, scrubUrls } from '../../src/adapters/git.js'
import { setLogger } from '../../src/log.js'
import { makeRepos, type GitRepos, rejection } from '../../__fixtures__/git.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

const servers: http.Server[] = []
let repos: GitRepos | null = null
afterEach(async () => {
  configureHttp()
  setLogger(() => undefined)
  repos?.remove()
  repos = null
  removeTempDirs()
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

/** A work tree whose origin is `url`. */
const withOrigin = (url: string): Git => {
  repos = makeRepos(writeTree(tempDir(), { 'README.md': 'one\n' }))
  repos.git(['remote', 'set-url', 'origin', url])
  return new Git(repos.work)
}

/** An HTTP origin on 127.0.0.1 answering every request with `handler`; its base URL. */
const serve = async (handler: http.RequestListener): Promise<string> => {
  const server = http.createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('scrubUrls', () => {
  test.each([
    [
      "fatal: unable to access 'https://x-access-token:ghs_abc@github.com/acme/x.git/'",
      "fatal: unable to access 'https://github.com/acme/x.git/'"
    ],
    ['http://user@host/a and HTTPS://u:p@h.example/b', 'http://host/a and HTTPS://h.example/b'],
    ['git+ssh://git@github.com/acme/x.git', 'git+ssh://github.com/acme/x.git'],
    ['svn.x-2://u:p@host/x', 'svn.x-2://host/x'],
    ['user@host:path and mail a@b.c stay', 'user@host:path and mail a@b.c stay'],
    ['https://github.com/a/b@v1 keeps a path @', 'https://github.com/a/b@v1 keeps a path @']
  ])('%j → %j', (text, scrubbed) => {
    expect(scrubUrls(text)).toBe(scrubbed)
  })
})

describe('gitFailureCode: every phrase git uses', () => {
  test.each([
    ["fatal: 'origin' does not appear to be a git repository", 'E_CONFIG'],
    ["error: No such remote 'origin'", 'E_CONFIG'],
    ['error: no such remote origin', 'E_CONFIG'],
    ["fatal: Authentication failed for 'https://github.com/a/b.git/'", 'E_GITHUB_DENIED'],
    ['git@github.com: Permission denied (publickey).', 'E_GITHUB_DENIED'],
    ['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'E_GITHUB_DENIED'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'E_GITHUB_DENIED'],
    ["fatal: could not read Password for 'https://x@github.com': terminal prompts disabled", 'E_GITHUB_DENIED'],
    ["fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 401", 'E_GITHUB_DENIED'],
    ["fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 403", 'E_GITHUB_DENIED'],
    ['remote: Write access to repository not granted.', 'E_GITHUB_DENIED'],
    ['remote: Permission to a/b.git denied to github-actions[bot].', 'E_GITHUB_DENIED'],
    ["fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 404", 'E_INPUT'],
    ["fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 4013", 'E_INPUT'],
    ['fatal: unable to access: Could not resolve host: github.com', 'E_NETWORK'],
    ['fatal: unable to access: Could not resolve proxy: proxy', 'E_NETWORK'],
    ['fatal: unable to access: Failed to connect to github.com port 443', 'E_NETWORK'],
    ["fatal: unable to access: Couldn't connect to server", 'E_NETWORK'],
    ['ssh: connect to host github.com port 22: Connection refused', 'E_NETWORK'],
    ['ssh: connect to host github.com port 22: Connection timed out', 'E_NETWORK'],
    ['fatal: read error: Connection reset by peer', 'E_NETWORK'],
    ['ssh: connect to host github.com port 22: Operation timed out', 'E_NETWORK'],
    ['fatal: unable to access: Resolving timed out after 5000 milliseconds', 'E_NETWORK'],
    ['fatal: unable to access: Operation too slow. Less than 1 bytes/sec transferred the last 30 seconds', 'E_NETWORK'],
    ["fatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 502", 'E_NETWORK'],
    ['error: RPC failed; HTTP 500 curl 22', 'E_NETWORK'],
    ['fatal: early EOF', 'E_NETWORK'],
    ['fatal: the remote end hung up unexpectedly', 'E_NETWORK'],
    ['fatal: unable to access: OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to github.com:443', 'E_NETWORK'],
    ['fatal: unable to access: SSL_ERROR_ZERO_RETURN', 'E_NETWORK'],
    ['fatal: unable to access: OpenSSL SSL_connect: in connection to github.com:443', 'E_NETWORK'],
    ['fatal: unable to access: gnutls_handshake() failed: Error in the pull function.', 'E_NETWORK'],
    ['ssh: connect to host github.com port 22: Network is unreachable', 'E_NETWORK'],
    ['ssh: connect to host github.com port 22: No route to host', 'E_NETWORK'],
    ['fatal: Could not read from remote repository.', 'E_NETWORK'],
    ["fatal: ambiguous argument 'x': unknown revision or path not in the working tree.", 'E_INPUT'],
    ['', 'E_INPUT'],
    // whatever the case
    ["FATAL: 'ORIGIN' DOES NOT APPEAR TO BE A GIT REPOSITORY", 'E_CONFIG'],
    ['AUTHENTICATION FAILED', 'E_GITHUB_DENIED'],
    ['COULD NOT READ FROM REMOTE REPOSITORY', 'E_NETWORK']
  ])('%j → %s', (output, code) => {
    expect(gitFailureCode(output)).toBe(code)
  })
})

describe('a failed git command, as the user reads it', () => {
  test('an unreachable https origin: E_NETWORK naming origin without its credentials, and that a re-run resumes', async () => {
    const git = withOrigin('https://x-access-token:ghs_secret@127.0.0.1:1/acme/x.git')
    const error = await rejection(git.remoteTags())
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(
      /^origin \(https:\/\/127\.0\.0\.1:1\/acme\/x\.git\) could not be reached: git ls-remote --tags origin failed: .*; a re-run resumes where this one stopped$/
    )
    expect(error.message).not.toMatch(/ghs_secret|x-access-token/)
  })

  test('an origin that is a path no longer there: E_NETWORK naming the path', async () => {
    const gone = path.join(tempDir(), 'gone.git')
    const error = await rejection(withOrigin(gone).remoteTags())
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(
      new RegExp(`^origin \\(${gone.replace(/[.]/g, '\\.')}\\) could not be reached: git ls-remote --tags origin failed: `)
    )
  })

  test('an origin with credentials in a URL node cannot parse: named with the credentials scrubbed', async () => {
    const error = await rejection(withOrigin('ssh://git:tok3n@127.0.0.1:1:bad/x.git').remoteTags())
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(/^origin \(ssh:\/\/127\.0\.0\.1:1:bad\/x\.git\) could not be reached: /)
    expect(error.message).not.toContain('tok3n')
  })

  test('an origin that refuses the credentials (HTTP 401): E_GITHUB_DENIED naming the command, no credentials', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end()
    })
    const error = await rejection(withOrigin(`http://x-access-token:ghs_secret@${host}/acme/x.git`).remoteTags())
    expect(error.code).toBe('E_GITHUB_DENIED')
    expect(error.message).toMatch(/^origin refused git ls-remote --tags origin: /)
    expect(error.message).not.toMatch(/ghs_secret/)
  })

  test('without credentials git never waits for a terminal prompt: refused at once', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end()
    })
    const error = await rejection(withOrigin(`http://${host}/acme/x.git`).remoteTags())
    expect(error.code).toBe('E_GITHUB_DENIED')
    expect(error.message).toMatch(/terminal prompts disabled/)
  })

  test('a push to an unreachable origin: E_NETWORK saying a re-run resumes', async () => {
    const git = withOrigin('https://127.0.0.1:1/acme/x.git')
    const error = await rejection(git.pushAnnotatedTag('cli-v1.0.0', repos!.head(), 'cli'))
    expect(error.code).toBe('E_NETWORK')
    expect(error.message).toMatch(
      /^git push of tag cli-v1\.0\.0 to origin failed: origin could not be reached: .*127\.0\.0\.1.*; a re-run resumes where this one stopped$/
    )
  })

  test('a push origin refuses (HTTP 403): E_GITHUB_DENIED "was refused", without credentials', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(403).end('denied')
    })
    const git = withOrigin(`http://u:ghs_secret@${host}/acme/x.git`)
    const error = await rejection(git.pushBranch('main'))
    expect(error.code).toBe('E_GITHUB_DENIED')
    expect(error.message).toMatch(/^git push of branch main to origin was refused: /)
    expect(error.message).not.toMatch(/ghs_secret/)
  })

  test.each([
    ['0.4 s (rounded up to a second)', 0.4, 0],
    ['2 s', 2, 1.9]
  ])(
    'a stalled origin is given up on after the idle timeout, %s: E_NETWORK',
    async (_what, idleTimeout, atLeast) => {
      configureHttp({ idleTimeout })
      // accepts the connection and never answers
      const host = await serve(() => undefined)
      const started = Date.now()
      const error = await rejection(withOrigin(`http://${host}/acme/x.git`).remoteTags())
      expect(error.code).toBe('E_NETWORK')
      expect(error.message).toMatch(/too slow/i)
      expect((Date.now() - started) / 1000).toBeGreaterThanOrEqual(atLeast)
    },
    20_000
  )
})

describe('the log', () => {
  test('shows the pushes (what changes origin) and none of the look-ups', async () => {
    repos = makeRepos(writeTree(tempDir(), { 'README.md': 'one\n' }))
    const git = new Git(repos.work)
    const lines: string[] = []
    setLogger((line) => lines.push(line))
    await git.remoteTags()
    await git.pushAnnotatedTag('cli-v1.0.0', repos.head(), 'cli')
    await git.deleteRemoteTag('cli-v1.0.0')
    await git.pushBranch('main')
    await git.remoteBranches()
    expect(lines.filter((l) => l.startsWith('$ '))).toEqual([
      '$ git push origin refs/tags/cli-v1.0.0:refs/tags/cli-v1.0.0',
      '$ git push origin :refs/tags/cli-v1.0.0',
      '$ git push origin refs/heads/main:refs/heads/main'
    ])
  })
})
