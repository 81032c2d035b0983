/**
 * Small monorepos shaped like the real ones issue 21 surveyed, for the e2e tests of every
 * lock, pins that follow and version-files:
 * - `AGENTS`: a livekit-agents-like workspace — one group with `pins = "follow"` whose plugins
 *   pin the core with floors (`>=1.2.3`, `>= 1.2.3, <2`, `~= 1.2.3.dev`), a root uv.lock, and a
 *   tool outside the workspace with its own uv.lock recording a plugin as an editable sibling
 *   and the core from the index (its requires-dist mirrors the tool's capped pin);
 * - `SQLFLUFF`: a sqlfluff-like package whose pyproject.toml also carries the version in
 *   `[tool.bumpversion] current_version` and an extra `rs = ["sqlfluffrs==X"]`, a Rust crate's
 *   Cargo.toml spelled as SemVer, and a generated file with 55 `==X` strings.
 */
import type { Tree } from './tree.js'

const plugin = (name: string, pin: string): string =>
  `[project]\nname = "livekit-plugins-${name}"\nversion = "1.2.3"\ndescription = "${name} plugin"\ndependencies = [\n    "${pin}",\n]\n\n[tool.uv.sources]\nlivekit-agents = { workspace = true }\n`

const rootLock = [
  'version = 1',
  'revision = 2',
  'requires-python = ">=3.9"',
  '',
  '[manifest]',
  'members = [',
  '    "livekit-agents",',
  '    "livekit-plugins-openai",',
  '    "livekit-plugins-silero",',
  '    "livekit-plugins-turn",',
  ']',
  '',
  '[[package]]',
  'name = "aiohttp"',
  'version = "3.9.5"',
  'source = { registry = "https://pypi.org/simple" }',
  'sdist = { url = "https://files.example/aiohttp-3.9.5.tar.gz", hash = "sha256:00", size = 1 }',
  '',
  '[[package]]',
  'name = "livekit-agents"',
  'version = "1.2.3"',
  'source = { editable = "livekit-agents" }',
  'dependencies = [',
  '    { name = "aiohttp" },',
  ']',
  '',
  '[package.metadata]',
  'requires-dist = [{ name = "aiohttp", specifier = ">=3.9" }]',
  '',
  '[[package]]',
  'name = "livekit-plugins-openai"',
  'version = "1.2.3"',
  'source = { editable = "livekit-plugins/livekit-plugins-openai" }',
  'dependencies = [',
  '    { name = "livekit-agents" },',
  ']',
  '',
  '[package.metadata]',
  'requires-dist = [{ name = "livekit-agents", editable = "livekit-agents" }]',
  '',
  '[[package]]',
  'name = "livekit-plugins-silero"',
  'version = "1.2.3"',
  'source = { editable = "livekit-plugins/livekit-plugins-silero" }',
  'dependencies = [',
  '    { name = "livekit-agents", extra = ["codecs"] },',
  ']',
  '',
  '[package.metadata]',
  'requires-dist = [{ name = "livekit-agents", extras = ["codecs"], editable = "livekit-agents" }]',
  '',
  '[[package]]',
  'name = "livekit-plugins-turn"',
  'version = "1.2.3"',
  'source = { editable = "livekit-plugins/livekit-plugins-turn" }',
  ''
].join('\n')

const toolLock = [
  'version = 1',
  'revision = 2',
  'requires-python = ">=3.9"',
  '',
  '[[package]]',
  'name = "agents-cli"',
  'version = "0.4.0"',
  'source = { editable = "." }',
  'dependencies = [',
  '    { name = "livekit-agents" },',
  '    { name = "livekit-plugins-openai" },',
  ']',
  '',
  '[package.metadata]',
  'requires-dist = [',
  '    { name = "livekit-agents", specifier = ">=1.2.3, <2" },',
  '    { name = "livekit-plugins-openai", editable = "../../livekit-plugins/livekit-plugins-openai" },',
  ']',
  '',
  '[[package]]',
  'name = "livekit-agents"',
  'version = "1.2.3"',
  'source = { registry = "https://pypi.org/simple" }',
  'sdist = { url = "https://files.example/livekit_agents-1.2.3.tar.gz", hash = "sha256:00", size = 1 }',
  '',
  '[[package]]',
  'name = "livekit-plugins-openai"',
  'version = "1.2.3"',
  'source = { editable = "../../livekit-plugins/livekit-plugins-openai" }',
  'dependencies = [',
  '    { name = "livekit-agents" },',
  ']',
  '',
  '[package.metadata]',
  'requires-dist = [{ name = "livekit-agents", specifier = ">=1.2.3" }]',
  ''
].join('\n')

export const AGENTS: Tree = {
  'pyproject.toml':
    '[tool.uv.workspace]\nmembers = ["livekit-agents", "livekit-plugins/*"]\n\n' +
    '[tool.pyship.groups.agents]\npackages = ["livekit-agents", "livekit-plugins/*"]\npins = "follow"  # plugins move their floor on every release\n\n' +
    '[tool.pyship.groups.tools]\npackages = ["tools/cli"]\n',
  'livekit-agents/pyproject.toml':
    '[project]\nname = "livekit-agents"\nversion = "1.2.3"\ndependencies = ["aiohttp>=3.9"]\n\n[project.optional-dependencies]\ncodecs = []\n',
  'livekit-plugins/livekit-plugins-openai/pyproject.toml': plugin('openai', 'livekit-agents>=1.2.3'),
  'livekit-plugins/livekit-plugins-silero/pyproject.toml': plugin('silero', 'livekit-agents[codecs] >= 1.2.3, <2'),
  'livekit-plugins/livekit-plugins-turn/pyproject.toml': plugin('turn', 'livekit-agents ~= 1.2.3.dev'),
  'uv.lock': rootLock,
  'tools/cli/pyproject.toml':
    '[project]\nname = "agents-cli"\nversion = "0.4"\ndependencies = [\n    "livekit-agents>=1.2.3,<2",\n    "livekit-plugins-openai",\n]\n\n' +
    '[tool.uv.sources]\nlivekit-plugins-openai = { path = "../../livekit-plugins/livekit-plugins-openai", editable = true }\n',
  'tools/cli/uv.lock': toolLock
}

const generated =
  '# generated by tools/pins.py: do not edit\nPLUGINS = [\n' +
  Array.from({ length: 55 }, (_, i) => `    "sqlfluff-plugin-${i}==3.4.2",\n`).join('') +
  ']\n'

export const SQLFLUFF: Tree = {
  'pyproject.toml': [
    '[build-system]',
    'requires = ["setuptools>=64"]',
    'build-backend = "setuptools.build_meta"',
    '',
    '[project]',
    'name = "sqlfluff"',
    'version = "3.4.2"',
    'dependencies = ["click"]',
    '',
    '[project.optional-dependencies]',
    'rs = ["sqlfluffrs==3.4.2"]',
    '',
    '[tool.bumpversion]',
    'current_version = "3.4.2"',
    'commit = false',
    '',
    '[tool.pyship.groups.sqlfluff]',
    'packages = ["."]',
    'version-files = [',
    '  { path = "pyproject.toml", pattern = \'current_version = "(?P<version>[^"]+)"\' },',
    '  { path = "pyproject.toml", pattern = \'sqlfluffrs==(?P<version>[^"]+)\' },',
    '  { path = "sqlfluffrs/Cargo.toml", pattern = \'^version = "(?P<version>[^"]+)"\', format = "semver" },',
    '  { path = "src/sqlfluff/plugins.py", pattern = \'==(?P<version>[0-9][^"]*)"\', count = "all" },',
    ']',
    ''
  ].join('\n'),
  'sqlfluffrs/Cargo.toml': '[package]\nname = "sqlfluffrs"\nversion = "3.4.2"\nedition = "2021"\n\n[dependencies]\nregex = "1.10.0"\n',
  'src/sqlfluff/plugins.py': generated
}
