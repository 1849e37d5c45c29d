import { createPatch } from 'diff'
import { stringify } from 'yaml'

/** YAML as `kubectl get -o yaml` prints an object: keys sorted, so both sides line up. */
export function toYaml(value: unknown): string {
  return value === undefined ? '' : stringify(value, { sortMapEntries: true, lineWidth: 0 })
}

/**
 * A unified diff of two objects' YAML, as `kubectl diff` shows it (`diff -u -N`):
 * `live` is what the cluster has (nothing for an object to create), `desired`
 * what it will have (nothing for one to prune). Empty when they are the same.
 */
export function unifiedDiff(name: string, live: unknown, desired: unknown): string {
  const before = toYaml(live)
  const after = toYaml(desired)
  if (before === after) return ''
  const patch = createPatch(name, before, after, 'live', 'desired', { context: 3 })
  // The first line, `Index: name`, and the separator are svn's, not diff -u's.
  return patch.split('\n').slice(2).join('\n')
}
