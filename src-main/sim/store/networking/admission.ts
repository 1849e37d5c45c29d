import type { KubeObject } from '../../api/meta'
import {
  ANNOTATION_DEFAULT_INGRESS_CLASS,
  ANNOTATION_INGRESS_CLASS,
  type Ingress,
  type IngressClass,
} from '../../api/networking'
import type { Admission } from '../admission'
import type { ObjectStore } from '../store'
import type { FieldError } from '../validate'

/**
 * The DefaultIngressClass admission plugin: an Ingress that names no class (in
 * the field or the old annotation) gets the class annotated as the default, if
 * there is one. A fresh kind cluster has none.
 */
export class DefaultIngressClass implements Admission {
  constructor(private readonly store: ObjectStore) {}

  admitCreate(obj: KubeObject): FieldError[] {
    const ing = obj as Ingress
    if (!ing.spec || typeof ing.spec !== 'object') return []
    if (ing.spec.ingressClassName || ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS]) return []
    let best: IngressClass | undefined
    for (const ic of this.store.list<IngressClass>('IngressClass')) {
      if (ic.metadata.annotations?.[ANNOTATION_DEFAULT_INGRESS_CLASS] !== 'true') continue
      if (!best || (ic.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? ''))
        best = ic
    }
    if (best) ing.spec.ingressClassName = best.metadata.name
    return []
  }
}
