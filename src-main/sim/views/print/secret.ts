import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

/** `printSecret`. */
export const secretPrinter = printer<KubeObject & { type?: string; data?: Record<string, string> }>(
  [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
  (secret, ctx) => [
    secret.metadata.name,
    secret.type ?? '',
    Object.keys(secret.data ?? {}).length,
    age(secret, ctx),
  ],
)
