import type { KubeObject } from '../api/meta'
import {
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_JOB_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  type Job,
} from '../api/batch'

/**
 * What the API server's registry strategies fill in once an object has its uid
 * (`pkg/registry/<group>/<kind>/strategy.go`). Each hook mutates a private copy
 * the store is about to keep.
 */
type Prepare = (obj: KubeObject, current?: KubeObject) => void

/**
 * `generateSelector` (`pkg/registry/batch/job/strategy.go`): pods of a Job carry
 * its uid and name, and the Job selects them by uid. Labels the user already set
 * are left as they are (validation catches a conflict). A Job without labels of
 * its own shows its pod template's, as the defaulting of `metadata.labels` does.
 */
function generateJobSelector(obj: KubeObject, current?: KubeObject): void {
  const job = obj as Job
  const spec = job.spec
  if (!spec?.template || spec.manualSelector === true) return
  const uid = current?.metadata.uid ?? job.metadata.uid!
  const hadLabels = Object.keys(job.metadata.labels ?? {}).length > 0
  const templateMeta = (spec.template.metadata ??= {})
  const labels = (templateMeta.labels = { ...templateMeta.labels })
  labels[LEGACY_JOB_NAME_LABEL] ??= job.metadata.name
  labels[JOB_NAME_LABEL] ??= job.metadata.name
  labels[LEGACY_JOB_CONTROLLER_UID_LABEL] ??= uid
  labels[JOB_CONTROLLER_UID_LABEL] ??= uid
  const selector = (spec.selector ??= {})
  selector.matchLabels = { ...selector.matchLabels }
  selector.matchLabels[JOB_CONTROLLER_UID_LABEL] ??= uid
  if (!hadLabels) {
    // On update, a manifest re-applied without the labels keeps those the Job was given.
    job.metadata.labels = current?.metadata.labels ? { ...current.metadata.labels } : { ...labels }
  }
}

const onCreate: Partial<Record<string, Prepare>> = {
  Job: (obj) => generateJobSelector(obj),
}

/**
 * A manifest applied again carries neither the generated selector nor the
 * labels; `kubectl apply` merges them back from the live object, so the store's
 * replace does the same.
 */
const onUpdate: Partial<Record<string, Prepare>> = {
  Job: (obj, current) => generateJobSelector(obj, current),
}

/**
 * Kinds whose status only their controllers write: their `PrepareForCreate`
 * resets it, so a manifest that carries a status (one exported from a live
 * cluster) starts from none. Nodes and namespaces are left to their own rules.
 */
const STATUS_RESET_ON_CREATE = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Service',
  'Ingress',
  'PersistentVolumeClaim',
])

export function resetStatusOnCreate(obj: KubeObject): void {
  if (STATUS_RESET_ON_CREATE.has(obj.kind)) delete obj.status
}

export function prepareForCreate(obj: KubeObject): void {
  onCreate[obj.kind]?.(obj)
}

export function prepareForUpdate(obj: KubeObject, current: KubeObject): void {
  onUpdate[obj.kind]?.(obj, current)
}
