/**
 * No config and not the default layout: every package found is checked alone (a notice
 * says so); nothing found at all is E_CONFIG, since a gate over nothing would always pass.
 */
import { PyshipError } from '../../errors.js'
import { relativeFile } from '../../pyproject/package.js'
import type { CheckRule } from './context.js'
import { hasGroups } from '../../config/types.js'

export const noGroups: CheckRule = {
  name: 'no-groups',
  problems({ repo }) {
    if (!hasGroups(repo.config) && repo.packages.size === 0 && repo.problems.length === 0) {
      throw new PyshipError(
        'E_CONFIG',
        `no Python packages found in ${relativeFile(repo.paths, repo.paths.workDir) || '.'} (the working directory, relative to the repository root): no config, not the default layout (a cli/ and a server/ package) and no uv workspace`,
        {
          hint: 'Point `working-directory` at the workspace root, or add a [tool.pyship] config naming your groups.'
        }
      )
    }
    return []
  },
  notices({ repo }) {
    if (hasGroups(repo.config)) return []
    return [
      repo.discovered
        ? 'no groups are configured and there is no uv workspace: checked every tracked pyproject.toml with a [project] (add [tool.pyship] groups to check versions in sync)'
        : 'no groups are configured: checked every uv workspace member (add [tool.pyship] groups to check versions in sync)'
    ]
  }
}
