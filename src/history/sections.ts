/**
 * Which commit types make a release and under which changelog heading they are listed
 * (SPEC §11), pure — release-please's `changelog-sections`, same shape, same meaning: a type
 * whose section is not hidden is releasable (a breaking change always is, a `feat` is a minor
 * bump, any other listed type a patch) and is listed under its section, sections in the
 * order given; a config that lists sections replaces the default list.
 */
export interface ChangelogSection {
  /** The commit type (`feat`, `fix`, `docs`, …). */
  type: string
  /** The changelog heading its commits go under. */
  section: string
  /** Hidden: neither releasable nor listed. */
  hidden: boolean
}

/** pyship's default: Keep a Changelog's headings for `feat`, `perf` and `fix`. */
export const DEFAULT_SECTIONS: readonly ChangelogSection[] = [
  { type: 'feat', section: 'Added', hidden: false },
  { type: 'perf', section: 'Changed', hidden: false },
  { type: 'fix', section: 'Fixed', hidden: false }
]

/** The types that make a release, in the order given. */
export const releasableTypes = (sections: readonly ChangelogSection[]): string[] => [
  ...new Set(sections.filter((s) => !s.hidden).map((s) => s.type))
]

/** The headings in order, each with the types listed under it (two types may share one). */
export function headings(sections: readonly ChangelogSection[]): { title: string; types: string[] }[] {
  const out: { title: string; types: string[] }[] = []
  for (const s of sections.filter((x) => !x.hidden)) {
    const same = out.find((h) => h.title === s.section)
    if (same) same.types.push(s.type)
    else out.push({ title: s.section, types: [s.type] })
  }
  return out
}
