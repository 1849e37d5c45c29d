import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

/** `printNamespace`. */
export const namespacePrinter = printer<KubeObject & { status?: { phase?: string } }>(
  [NAME, { name: 'Status' }, AGE],
  (ns, ctx) => [ns.metadata.name, ns.status?.phase ?? '', age(ns, ctx)],
)
