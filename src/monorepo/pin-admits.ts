/**
 * Whether an internal pin admits a version, in the pin's own syntax: a PEP 508 specifier, or a
 * Poetry constraint (`^1.2 || ^2.0`: any alternative). Pure.
 */
import type { Requirement } from '../pyproject/package.js'
import { admits, isValidSpecifier } from '../version/pep440.js'
import { poetryAdmits, poetryAlternatives } from '../version/poetry-constraint.js'

/** The pin can be read (a valid PEP 440 specifier, or a Poetry constraint pyship reads). */
export const pinReadable = (req: Requirement): boolean =>
  req.syntax === 'poetry' ? poetryAlternatives(req.text) !== null : isValidSpecifier(req.specifier)

export const pinAdmits = (req: Requirement, version: string): boolean =>
  req.syntax === 'poetry' ? poetryAdmits(req.text, version) : admits(req.specifier, version)
