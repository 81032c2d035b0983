/**
 * A version kept as a TOML string that is not the pyproject's (a `Cargo.toml`): a finder
 * that parses the text and returns the characters of the string at one key, so an edit of
 * another file than the pyproject is located, written and verified like a version file.
 */
import { PyshipError } from '../../errors.js'
import { parseToml, valueNode, type TomlPath } from '../toml.js'
import type { Finder } from '../version-file.js'

/** The characters of the one-line string at `at` (a string written without escapes), or null. */
export function tomlStringFinder(file: string, at: TomlPath): Finder {
  return (text) => {
    let node
    try {
      node = valueNode(parseToml(text, file), at)
    } catch (error) {
      if (error instanceof PyshipError) return null
      throw error
    }
    if (!node || node.type !== 'value' || node.kind !== 'string' || node.multiline || node.value === undefined) return null
    const [start, end] = [node.range[0] + 1, node.range[1] - 1]
    if (text.slice(start, end) !== node.value) return null
    return { start, end, version: node.value }
  }
}
