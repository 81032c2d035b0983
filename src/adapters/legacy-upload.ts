/**
 * pyship's own upload through the index's upload API (warehouse's "legacy" `file_upload`
 * form, as twine sends it), used when a file's PEP 740 attestation must travel with it and
 * the upload tool cannot carry it (twine before 6.0; `uv publish` and twine 6 take
 * `<file>.publish.attestation` themselves). The core metadata fields come from the file
 * itself (wheel METADATA, sdist PKG-INFO), named as twine names them.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError } from '../errors.js'
import { exec, lastLines } from './exec.js'
import { redact, request } from './http.js'

/** One form field; multiple-use metadata (Classifier, Requires-Dist, …) repeats its field. */
export type FormField = [name: string, value: string]

const READ_FIELDS = `
import email.parser, json, sys, tarfile, zipfile
MULTI = {"classifier": "classifiers", "project-url": "project_urls", "provides-extra": "provides_extras"}
out = []
for path in sys.argv[1:]:
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.count("/") == 1 and n.split("/")[0].endswith(".dist-info") and n.endswith("/METADATA")]
            text = z.read(names[0]).decode("utf-8")
    else:
        with tarfile.open(path) as t:
            members = [m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
            text = t.extractfile(members[0]).read().decode("utf-8")
    meta = email.parser.Parser().parsestr(text)
    fields = []
    for key, value in meta.items():
        k = key.lower()
        fields.append([MULTI.get(k, k.replace("-", "_")), str(value)])
    body = meta.get_payload()
    if isinstance(body, str) and body.strip() and not meta.get("Description"):
        fields.append(["description", body])
    out.append(fields)
print(json.dumps(out))
`

/** The core metadata of each file as upload form fields (one interpreter for all files). */
export async function metadataFields(python: string, files: string[], cwd: string): Promise<FormField[][]> {
  const r = await exec(python, ['-c', READ_FIELDS, ...files], { cwd, quiet: true })
  if (r.status !== 0)
    throw new PyshipError('E_BUILD', `reading the metadata of ${files.map((f) => path.basename(f)).join(', ')} failed: ${lastLines(r)}`)
  return JSON.parse(r.stdout) as FormField[][]
}

/** The fields twine adds to the metadata: the action, the file type, the Python tag and the digests. */
export function uploadFields(file: string, content: Buffer, metadata: FormField[], attestations: string | null): FormField[] {
  const name = path.basename(file)
  const wheel = name.endsWith('.whl')
  return [
    [':action', 'file_upload'],
    ['protocol_version', '1'],
    ...metadata,
    ['filetype', wheel ? 'bdist_wheel' : 'sdist'],
    ['pyversion', wheel ? (name.slice(0, -4).split('-').at(-3) ?? '') : 'source'],
    ['md5_digest', createHash('md5').update(content).digest('hex')],
    ['sha256_digest', createHash('sha256').update(content).digest('hex')],
    ...(attestations === null ? [] : ([['attestations', attestations]] as FormField[]))
  ]
}

const quoted = (s: string): string => s.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c))

/** multipart/form-data: the fields, then the file as `content`. */
export function multipartBody(fields: FormField[], filename: string, content: Buffer): { type: string; body: Buffer } {
  const boundary = `pyship-${randomBytes(16).toString('hex')}`
  const parts: Buffer[] = []
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`, 'utf8'))
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${quoted(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      'utf8'
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
  )
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) }
}

/** warehouse carries its message in the status line (twine prints it); the body's first lines otherwise. */
function reasonOf(text: string): string {
  const line = text
    .replace(/<[^>]*>/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return (line.find((l) => /^\d{3} /.test(l)) ?? line[0] ?? '').slice(0, 300)
}

/**
 * Upload each file with its attestation. A POST is never sent again blindly: when its
 * answer is lost the run fails, and a re-run finds the file on the index and skips it.
 */
export async function legacyUpload(
  python: string,
  uploadUrl: string,
  token: string,
  files: { file: string; attestation: string | null }[],
  cwd: string
): Promise<void> {
  const metadata = await metadataFields(
    python,
    files.map((f) => f.file),
    cwd
  )
  for (const [i, { file, attestation }] of files.entries()) {
    const content = readFileSync(file)
    const attestations = attestation === null ? null : `[${readFileSync(attestation, 'utf8').trim()}]`
    const { type, body } = multipartBody(uploadFields(file, content, metadata[i], attestations), path.basename(file), content)
    const res = await request(uploadUrl, {
      service: 'the index',
      method: 'POST',
      headers: { 'content-type': type, authorization: `Basic ${Buffer.from(`__token__:${token}`).toString('base64')}` },
      body
    })
    if (res.status >= 200 && res.status < 300) continue
    const reason = reasonOf(res.text)
    if (res.status === 401 || res.status === 403)
      throw new PyshipError(
        'E_PYPI_AUTH',
        `the index at ${redact(uploadUrl)} refused the credentials uploading ${path.basename(file)}: ${reason}`
      )
    if (/File already exists/i.test(reason))
      throw new PyshipError('E_PYPI_EXISTS', `the index already has a file of this name with other content: ${reason}`)
    throw new PyshipError('E_BUILD', `upload of ${path.basename(file)} to ${redact(uploadUrl)} failed (${res.status}): ${reason}`, {
      hint: "The index's answer is quoted in the message; a re-run uploads only what is missing."
    })
  }
}
