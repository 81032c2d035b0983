/**
 * Everything a release e2e test runs against, started together: the example monorepo
 * in a real git repository with a bare `origin`, the PyPI and GitHub stand-ins and,
 * for image tests, a real registry. `action()` runs the bundled action against them
 * through its normal inputs and GITHUB_API_URL.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { runActionAsync, runCli, runCliAsync, type ActionRun, type CliRun } from './action.js'
import { actionsCheckout, makeRepos, type GitRepos, type JobCheckout } from './git.js'
import { startGithub, type GithubStandIn } from './github-server.js'
import { startPypi, type PypiStandIn } from './pypi-server.js'
import { startRegistry, type RegistryStandIn } from './registry.js'
import { startSigstore, type SigstoreStandIn } from './sigstore-server.js'

export const PYPI_TOKEN = 'pypi-AgEIcHlwaS5vcmcSECRET-e2e-token'
export const REGISTRY_PASSWORD = 'registry-SECRET-e2e-password'

export interface World {
  repos: GitRepos
  pypi: PypiStandIn
  github: GithubStandIn
  /** Fulcio and Rekor for PEP 740 attestations (inputs fulcio-url, rekor-url); the index verifies against them. */
  sigstore: SigstoreStandIn
  /** Only with `{ registry: true }`. */
  registry: RegistryStandIn
  /** Environment of a run on `branch` (Debian's python3.11 first: it has build, twine, pytest, venv). */
  env(branch?: string): Record<string, string>
  /** Run the action; `workspace` defaults to the first clone (`repos.work`). */
  action(
    command: string,
    component: string,
    options?: { inputs?: Record<string, string>; env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void; workspace?: string }
  ): Promise<ActionRun & { signal: NodeJS.Signals | null }>
  /** Another clone of origin (a second runner, or a developer's checkout), at origin's main. */
  clone(name: string): string
  /**
   * A job's own checkout of origin as actions/checkout makes it (`__fixtures__/git.ts`
   * actionsCheckout), with its own RUNNER_TEMP: pass `workspace` and `env` to `action()`.
   */
  job(name: string, checkout: JobCheckout): { workspace: string; env: Record<string, string> }
  cli(args: string[]): CliRun
  /** The CLI as a child that does not block this process (the stand-ins keep answering). */
  cliAsync(args: string[], workspace?: string): Promise<CliRun>
  close(): Promise<void>
}

/** `source`: the monorepo committed in the work tree (default: the example monorepo). */
export async function startWorld(options: { registry?: boolean; source?: string } = {}): Promise<World> {
  const repos = makeRepos(options.source ?? 'examples/dakora')
  const pypi = await startPypi({ tokens: [PYPI_TOKEN] })
  // Fulcio certifies only ID tokens the runner stand-in (pypi.idTokenUrl) issued
  const sigstore = await startSigstore({ acceptToken: (jwt) => pypi.oidc.acceptedIdTokens.has(jwt) })
  pypi.verifyAttestation = (bundle) => sigstore.verify(bundle)
  const github = await startGithub({ owner: 'acme', repo: 'dakora', defaultBranch: 'main', bareRepo: repos.bare })
  // GitHub verifies each attestation bundle it stores: against the Sigstore stand-ins' trust root
  github.verifyBundle = (bundle) => sigstore.verify(bundle)
  const registry = options.registry ? await startRegistry({ username: 'pyship-bot', password: REGISTRY_PASSWORD }) : undefined
  const env = (branch = 'main'): Record<string, string> => ({
    PATH: '/usr/bin:/bin:/usr/local/bin',
    ...repos.env,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/dakora',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REF_NAME: branch
  })
  return {
    repos,
    pypi,
    github,
    sigstore,
    registry: registry as RegistryStandIn,
    env,
    action: (command, component, run = {}) =>
      runActionAsync(
        {
          command,
          component,
          'pypi-token': PYPI_TOKEN,
          'github-token': github.token,
          'pypi-url': pypi.url,
          'pypi-upload-url': pypi.uploadUrl,
          'build-isolation': 'false',
          'fulcio-url': sigstore.fulcioUrl,
          'rekor-url': sigstore.rekorUrl,
          ...(registry ? { registry: registry.host, 'registry-username': registry.username, 'registry-password': REGISTRY_PASSWORD } : {}),
          ...run.inputs
        },
        { workspace: run.workspace ?? repos.work, onSpawn: run.onSpawn, env: { ...env(), ...run.env } }
      ),
    clone: (name) => {
      const dir = path.join(repos.root, name)
      repos.git(['clone', '-q', repos.bare, dir], repos.root)
      return dir
    },
    job: (name, checkout) => {
      const workspace = path.join(repos.root, 'jobs', name, 'work')
      const temp = path.join(repos.root, 'jobs', name, 'temp')
      mkdirSync(temp, { recursive: true })
      return { workspace, env: { ...actionsCheckout(repos, workspace, checkout), RUNNER_TEMP: temp } }
    },
    cli: (args) => runCli(args, { cwd: repos.work, env: env() }),
    cliAsync: (args, workspace) => runCliAsync(args, { cwd: workspace ?? repos.work, env: env() }),
    close: async () => {
      await Promise.all([pypi.close(), github.close(), sigstore.close(), registry?.close()])
      repos.remove()
    }
  }
}

/** The log without the runner's `::add-mask::` commands (which the runner consumes). */
export function logged(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
}

/** `CODE first-line-of-message` of every error annotation. */
export function errors(run: ActionRun): string[] {
  return run.annotations.filter((a) => a.level === 'error').map((a) => `${a.properties.title} ${a.message.split('\n')[0]}`)
}
