/**
 * Credentials per registry host (SPEC §1): the `registry` input's host takes
 * `registry-username` / `registry-password` (defaults: the actor and `github-token`);
 * every other host takes what the runner's `docker login` (docker/login-action) left in
 * its docker config; a host with neither is used anonymously (reads where the registry
 * allows them; a push is refused in preflight). One registry client per host.
 */
import { Registry } from '../adapters/registry.js'
import type { Docker } from '../adapters/docker.js'
import type { RegistryCredentials } from '../adapters/docker-config.js'
import { canonicalRegistry, dockerAuthKey, registryApiHost } from '../config/image-names.js'
import { registerSecret } from '../log.js'

export interface RegistryAccess {
  registry: string
  username: string
  password: string
  /** Where the credentials come from, as the messages say it. */
  source: 'inputs' | 'docker config' | 'anonymous'
}

export class Registries {
  private readonly clients = new Map<string, Registry>()
  private readonly dockerReady = new Set<string>()
  private readonly input: string

  constructor(
    /** The `registry` input and its credentials. */
    private readonly login: { host: string; username: string; password: string },
    /** The runner's docker logins, per canonical host. */
    private readonly auths: Map<string, RegistryCredentials>
  ) {
    this.input = canonicalRegistry(login.host)
    for (const c of auths.values()) registerSecret(c.password)
  }

  /** Which credentials a registry is used with. */
  access(registry: string): RegistryAccess {
    const host = canonicalRegistry(registry)
    if (host === this.input) return { registry: host, username: this.login.username, password: this.login.password, source: 'inputs' }
    const creds = this.auths.get(host)
    if (creds) return { registry: host, ...creds, source: 'docker config' }
    return { registry: host, username: '', password: '', source: 'anonymous' }
  }

  /** The registry API client for a registry (`docker.io` answers on `registry-1.docker.io`). */
  client(registry: string): Registry {
    const host = canonicalRegistry(registry)
    let client = this.clients.get(host)
    if (!client) {
      const a = this.access(host)
      const how =
        a.source === 'inputs'
          ? 'set registry-username and registry-password (or github-token)'
          : `log in to ${host} before pyship runs (docker/login-action with registry: ${host}), or make ${host} the registry input`
      client = new Registry(registryApiHost(host), a.username, a.password, how)
      this.clients.set(host, client)
    }
    return client
  }

  /**
   * Let the Docker CLI (pyship's temporary DOCKER_CONFIG) push to `registry`: `docker login`
   * for the `registry` input's host, the runner's own login copied for other hosts, nothing
   * for anonymous ones. Once per registry.
   */
  async prepareDocker(docker: Docker, registry: string, cwd: string): Promise<void> {
    const a = this.access(registry)
    if (this.dockerReady.has(a.registry)) return
    if (a.source === 'inputs') await docker.login(a.registry, a.username, a.password, cwd)
    else if (a.source === 'docker config') docker.addAuth(dockerAuthKey(a.registry), a.username, a.password)
    this.dockerReady.add(a.registry)
  }
}
