import { describe, expect, it } from 'vitest'
import type { CustomResourceDefinition } from '../../../src-main/sim/api/apiextensions'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import type { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import { fixture } from '../../helpers/fixtures'
import { newSim } from '../../helpers/sim'

const widgetsCrd = (): CustomResourceDefinition => fixture('crds', 'crd-widgets.yaml')
const gadgetsCrd = (): CustomResourceDefinition => fixture('crds', 'crd-gadgets-cluster.yaml')
const widget = (changes: (w: KubeObject) => void = () => undefined): KubeObject => {
  const w = fixture<KubeObject>('crds', 'widget-valid.yaml')
  changes(w)
  return w
}
const spec = (w: KubeObject): Record<string, unknown> => w.spec as Record<string, unknown>

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

function withCrd(crd = widgetsCrd()): Simulation {
  const sim = newSim()
  sim.store.create(crd)
  sim.settle()
  return sim
}

const crdOf = (sim: Simulation, name: string): CustomResourceDefinition | undefined =>
  sim.store.get<CustomResourceDefinition>('CustomResourceDefinition', undefined, name)

const conditions = (crd: CustomResourceDefinition | undefined) =>
  Object.fromEntries(
    (crd?.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]),
  )

describe('a CustomResourceDefinition makes its kind servable', () => {
  it('is refused before the CRD exists, as the API server says', () => {
    const sim = newSim()
    expect(apiError(() => sim.store.create(widget())).message).toBe(
      'no matches for kind "Widget" in version "example.com/v1"',
    )
  })

  it('accepts the names, becomes Established, and serves the kind', () => {
    const sim = withCrd()
    const crd = crdOf(sim, 'widgets.example.com')!
    expect(conditions(crd)).toEqual({
      NamesAccepted: 'True NoConflicts: no conflicts found',
      Established: 'True InitialNamesAccepted: the initial names have been accepted',
    })
    expect(crd.status?.acceptedNames).toEqual({
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd'],
      kind: 'Widget',
      listKind: 'WidgetList',
    })
    expect(crd.status?.storedVersions).toEqual(['v1'])
    const served = sim.store.kinds.get('Widget')!
    expect([served.group, served.plural, served.namespaced, served.shortNames]).toEqual([
      'example.com',
      'widgets',
      true,
      ['wd'],
    ])
    const w = sim.store.create(widget())
    expect(sim.store.get('Widget', 'default', 'gizmo')).toBe(w)
    expect(sim.store.list('Widget', { labelSelector: '!x' })).toEqual([w])
  })

  it('serves a cluster-scoped kind in each served version, the preferred first', () => {
    const sim = withCrd(gadgetsCrd())
    expect(sim.store.kinds.get('Gadget')!.versions).toEqual(['v1', 'v1beta1'])
    const g = sim.store.create({
      apiVersion: 'example.com/v1beta1',
      kind: 'Gadget',
      metadata: { name: 'g', namespace: 'default' },
      anything: { goes: true },
    })
    expect(g.metadata.namespace).toBeUndefined()
    expect(g.apiVersion).toBe('example.com/v1beta1')
    expect(g.anything).toEqual({ goes: true })
  })

  it('validates custom resources against the schema, in kube-openapi words', () => {
    const sim = withCrd()
    const cases: [(w: KubeObject) => void, string][] = [
      [
        (w) => (spec(w).size = 'big'),
        'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"',
      ],
      [(w) => delete spec(w).size, 'spec.size: Required value'],
      [
        (w) => (spec(w).color = 'pink'),
        'spec.color: Unsupported value: "pink": supported values: "red", "green", "blue"',
      ],
      [
        (w) => (spec(w).size = 0),
        'spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1',
      ],
      [
        (w) => (spec(w).tags = ['ok', 7]),
        'spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer"',
      ],
    ]
    for (const [change, detail] of cases) {
      expect(apiError(() => sim.store.create(widget(change))).message).toBe(
        `Widget.example.com "gizmo" is invalid: ${detail}`,
      )
    }
  })

  it('prunes fields the schema does not know', () => {
    const sim = withCrd()
    const w = sim.store.create(
      widget((x) => {
        spec(x).unknown = 1
        x.extra = 'dropped'
      }),
    )
    expect(spec(w).unknown).toBeUndefined()
    expect(w.extra).toBeUndefined()
    expect(spec(w).labels).toEqual({ team: 'tools' })
  })

  it('honours the status subresource', () => {
    const sim = withCrd()
    const created = sim.store.create(widget((w) => (w.status = { ready: true })))
    expect(created.status).toBeUndefined()
    const withStatus = sim.store.updateStatus({ ...created, status: { ready: true } })
    expect(withStatus.status).toEqual({ ready: true })
    expect(withStatus.metadata.generation).toBe(1)
    const updated = sim.store.update({
      ...withStatus,
      status: { ready: false },
      spec: { ...spec(withStatus), size: 4 },
    })
    expect(updated.status).toEqual({ ready: true })
    expect(updated.metadata.generation).toBe(2)
    expect(
      apiError(() => sim.store.updateStatus({ ...updated, status: { ready: 'yes' } })).message,
    ).toBe(
      'Widget.example.com "gizmo" is invalid: status.ready: Invalid value: "string": status.ready in body must be of type boolean: "string"',
    )
  })

  it('stores status with the object when there is no status subresource', () => {
    const sim = withCrd(gadgetsCrd())
    const g = sim.store.create<KubeObject>({
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g' },
      status: { phase: 'New' },
    })
    expect(g.status).toEqual({ phase: 'New' })
    const changed = sim.store.update({ ...g, status: { phase: 'Old' } })
    expect(changed.status).toEqual({ phase: 'Old' })
    expect(changed.metadata.generation).toBe(2)
    expect(apiError(() => sim.store.updateStatus({ ...changed, status: {} })).code).toBe(404)
  })
})

describe('deleting a CustomResourceDefinition', () => {
  it('deletes its objects, then itself, and stops serving the kind', () => {
    const sim = withCrd()
    sim.store.create(widget())
    sim.store.create(widget((w) => (w.metadata.name = 'other')))
    sim.store.delete({ kind: 'CustomResourceDefinition', name: 'widgets.example.com' })
    const marked = crdOf(sim, 'widgets.example.com')!
    expect(marked.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io'])
    expect(conditions(marked).Terminating).toBe(
      'True InstanceDeletionPending: CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    )
    const refused = apiError(() => sim.store.create(widget((w) => (w.metadata.name = 'late'))))
    expect([refused.code, refused.message]).toEqual([
      405,
      'create not allowed while custom resource definition is terminating',
    ])
    sim.settle()
    expect(crdOf(sim, 'widgets.example.com')).toBeUndefined()
    expect(sim.store.count('Widget')).toBe(0)
    expect(apiError(() => sim.store.create(widget())).message).toBe(
      'no matches for kind "Widget" in version "example.com/v1"',
    )
  })

  it('waits for objects held by finalizers', () => {
    const sim = withCrd()
    const held = sim.store.create(widget((w) => (w.metadata.finalizers = ['example.com/hold'])))
    sim.store.delete({ kind: 'CustomResourceDefinition', name: 'widgets.example.com' })
    sim.runFor(30_000)
    expect(conditions(crdOf(sim, 'widgets.example.com')).Terminating).toBe(
      'True InstanceDeletionInProgress: CustomResource deletion is in progress',
    )
    const marked = sim.store.get('Widget', 'default', held.metadata.name)!
    sim.store.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } })
    sim.runFor(10_000)
    expect(crdOf(sim, 'widgets.example.com')).toBeUndefined()
  })
})

describe('CRDs are per simulation and checked as the API server checks them', () => {
  it('does not let two simulations see each other’s CRDs', () => {
    const one = withCrd()
    const two = newSim()
    expect(one.store.kinds.get('Widget')).toBeDefined()
    expect(two.store.kinds.get('Widget')).toBeUndefined()
    expect(apiError(() => two.store.create(widget())).code).toBe(404)
  })

  it('refuses a name that is not plural.group, a group without a dot and a version without a schema', () => {
    const sim = newSim()
    const crd = widgetsCrd()
    crd.metadata.name = 'widget.example.com'
    crd.spec.group = 'example'
    delete crd.spec.versions[0]!.schema
    expect(apiError(() => sim.store.create(crd)).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "widget.example.com" is invalid: [metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group, spec.group: Invalid value: "example": should be a domain with at least one dot, spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required]',
    )
  })

  it('refuses a structural schema without types', () => {
    const sim = newSim()
    const crd = widgetsCrd()
    crd.spec.versions[0]!.schema!.openAPIV3Schema!.properties!.spec!.properties!.size = {}
    expect(apiError(() => sim.store.create(crd)).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields',
    )
  })

  it('does not accept a kind already in use, and says so', () => {
    const sim = withCrd()
    const clash = widgetsCrd()
    clash.metadata.name = 'sprockets.example.com'
    clash.spec.names = { plural: 'sprockets', kind: 'Widget' }
    sim.store.create(clash)
    sim.settle()
    expect(conditions(crdOf(sim, 'sprockets.example.com'))).toEqual({
      // The defaulted listKind clashes too, and the last check speaks, as upstream.
      NamesAccepted: 'False ListKindConflict: "WidgetList" is already in use',
      Established: 'False NotAccepted: not all names are accepted',
    })
    expect(sim.store.kinds.get('Widget')?.custom?.crdName).toBe('widgets.example.com')
  })

  it('does not let a CRD shadow a built-in kind', () => {
    const crd = widgetsCrd()
    crd.metadata.name = 'deployments.example.com'
    crd.spec.names = { plural: 'deployments', kind: 'Deployment' }
    const sim = withCrd(crd)
    expect(conditions(crdOf(sim, 'deployments.example.com')).NamesAccepted).toBe(
      'False KindConflict: "Deployment" is already in use',
    )
    expect(sim.store.kinds.get('Deployment')?.group).toBe('apps')
  })
})
