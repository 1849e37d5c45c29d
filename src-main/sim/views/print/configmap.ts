import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

/** `printConfigMap`: DATA counts data and binaryData keys. */
export const configMapPrinter = printer<
  KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> }
>([NAME, { name: 'Data' }, AGE], (cm, ctx) => [
  cm.metadata.name,
  Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
  age(cm, ctx),
])
