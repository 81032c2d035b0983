/**
 * Text order for everything pyship sorts (tables, problems, built files, platforms):
 * by UTF-16 code unit, the same on every runner whatever its locale. `localeCompare`
 * would depend on the locale and load ICU's collation data (about 10 ms at start-up).
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
