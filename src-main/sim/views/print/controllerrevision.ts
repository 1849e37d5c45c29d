import type { KubeObject } from '../../api/meta'
import { splitApiVersion } from '../../api/kinds'
import { controllerRef } from '../../api/pod-util'
import { AGE, NAME, age, printer } from './printer'

/** `printControllerRevision`: CONTROLLER is `statefulset.apps/web`. */
export const controllerRevisionPrinter = printer<KubeObject & { revision?: number }>(
  [NAME, { name: 'Controller' }, { name: 'Revision' }, AGE],
  (cr, ctx) => {
    const owner = controllerRef(cr) as
      { apiVersion?: string; kind: string; name: string } | undefined
    let controller = '<none>'
    if (owner) {
      const { group } = splitApiVersion(owner.apiVersion ?? '')
      controller = `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`
    }
    return [cr.metadata.name, controller, cr.revision ?? 0, age(cr, ctx)]
  },
)
