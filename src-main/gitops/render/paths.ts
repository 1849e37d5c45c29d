/** Repository paths: forward slashes, no leading slash, '' for the root. Pure string work. */

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/')
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? '' : path.slice(0, i)
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * Resolves `.` and `..` in a path taken from the repository root; undefined when
 * it climbs out of the repository or is absolute.
 */
export function normalisePath(path: string): string | undefined {
  if (path.startsWith('/')) return undefined
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length === 0) return undefined
      out.pop()
    } else out.push(part)
  }
  return out.join('/')
}

/** Whether `path` is `dir` or lies under it. */
export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`)
}
