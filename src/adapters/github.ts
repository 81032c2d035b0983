/** The GitHub REST API (releases, the repository) through the one HTTP seam. */
import { PyshipError } from '../errors.js'
import { request, type HttpResponse } from './http.js'

export interface Release {
  id: number
  tag_name: string
  target_commitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  html_url: string
}

export interface ReleaseFields {
  tag_name?: string
  target_commitish?: string
  name?: string
  body?: string
  draft?: boolean
  prerelease?: boolean
  make_latest?: 'true' | 'false' | 'legacy'
}

export class GitHub {
  constructor(
    readonly apiUrl: string,
    readonly repository: string,
    private readonly token: string
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    if (!this.token) {
      throw new PyshipError('E_GITHUB_DENIED', 'no GitHub token: set the `github-token` input (or GITHUB_TOKEN for the CLI)')
    }
    const res = await request(`${this.apiUrl.replace(/\/$/, '')}/repos/${this.repository}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (res.status === 401 || res.status === 403) {
      const message = safeMessage(res)
      throw new PyshipError('E_GITHUB_DENIED', `GitHub refused ${method} /repos/${this.repository}${path.replace(/\?.*/, '')}: ${res.status} ${message}`)
    }
    return res
  }

  private async expect(method: string, path: string, ok: number[], body?: unknown): Promise<HttpResponse> {
    const res = await this.call(method, path, body)
    if (!ok.includes(res.status)) {
      throw new PyshipError('E_GITHUB_DENIED', `GitHub answered ${method} /repos/${this.repository}${path.replace(/\?.*/, '')} with ${res.status}: ${safeMessage(res)}`)
    }
    return res
  }

  async repo(): Promise<{ default_branch: string; html_url: string }> {
    const res = await this.call('GET', '')
    if (res.status === 404) throw new PyshipError('E_GITHUB_DENIED', `repository ${this.repository} is not visible with this token (404)`)
    if (res.status !== 200) throw new PyshipError('E_GITHUB_DENIED', `GitHub answered GET /repos/${this.repository} with ${res.status}`)
    return res.json()
  }

  /** Every release, drafts included (drafts are only visible to writers). */
  async releases(): Promise<Release[]> {
    const all: Release[] = []
    for (let page = 1; page <= 50; page++) {
      const batch = (await this.expect('GET', `/releases?per_page=100&page=${page}`, [200])).json<Release[]>()
      all.push(...batch)
      if (batch.length < 100) break
    }
    return all
  }

  createRelease(fields: ReleaseFields & { tag_name: string }): Promise<Release> {
    return this.expect('POST', '/releases', [201], fields).then((r) => r.json<Release>())
  }

  updateRelease(id: number, fields: ReleaseFields): Promise<Release> {
    return this.expect('PATCH', `/releases/${id}`, [200], fields).then((r) => r.json<Release>())
  }

  async deleteRelease(id: number): Promise<void> {
    await this.expect('DELETE', `/releases/${id}`, [204, 404])
  }

  async generateNotes(tag: string, target: string, previousTag?: string): Promise<string> {
    const res = await this.expect('POST', '/releases/generate-notes', [200], {
      tag_name: tag,
      target_commitish: target,
      ...(previousTag ? { previous_tag_name: previousTag } : {})
    })
    return res.json<{ body: string }>().body
  }
}

function safeMessage(res: HttpResponse): string {
  try {
    return String(res.json<{ message?: string }>().message ?? '').slice(0, 200)
  } catch {
    return res.text.slice(0, 200)
  }
}
