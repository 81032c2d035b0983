// One module of src/ compiled on its own to plain JavaScript, for the differential scripts
// that drive it beside a reference implementation (scripts/*-differential.mjs).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** Compile `src/<rel>.ts` of `root` into `outDir` and import it. */
export async function compileModule(root, rel, outDir) {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), [
    path.join(root, 'src', `${rel}.ts`),
    '--ignoreConfig',
    '--outDir',
    outDir,
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--skipLibCheck',
    '--types',
    'node'
  ])
  writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}')
  return import(pathToFileURL(path.join(outDir, `${path.basename(rel)}.js`)).href)
}
