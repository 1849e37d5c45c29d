/**
 * Where two JSON values differ, as the field paths kubectl prints in its
 * messages (`spec.template.spec.containers[0].image`). A field only one side
 * has is listed once, at its own path; a list that changed length lists each
 * item added or removed.
 */
export function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (Object.is(before, after)) return []
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = []
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      out.push(...changedPaths(before[i], after[i], `${path}[${i}]`))
    return out
  }
  if (isRecord(before) && isRecord(after)) {
    const out: string[] = []
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    for (const key of [...keys].sort())
      out.push(...changedPaths(before[key], after[key], path === '' ? key : `${path}.${key}`))
    return out
  }
  return [path]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
