import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

/** `printServiceAccount`: SECRETS counts the listed token secrets. */
export const serviceAccountPrinter = printer<KubeObject & { secrets?: unknown[] }>(
  [NAME, { name: 'Secrets' }, AGE],
  (sa, ctx) => [sa.metadata.name, sa.secrets?.length ?? 0, age(sa, ctx)],
)
