import { describe, expect, it } from 'vitest'
import { parseDurationMs } from '../../../src-main/shared/duration'
import { parseTrafficSpec } from '../../../src-main/sim/traffic/traffic-spec'

const parse = (spec: string) => parseTrafficSpec(spec, parseDurationMs)

describe('parseTrafficSpec', () => {
  it.each([
    ['web=50', { entry: 'cluster-ip', name: 'web', path: '/', rps: 50 }],
    ['web=0.5', { entry: 'cluster-ip', name: 'web', path: '/', rps: 0.5 }],
    [
      'web.shop:8080/api/v1=20',
      {
        entry: 'cluster-ip',
        name: 'web',
        namespace: 'shop',
        port: '8080',
        path: '/api/v1',
        rps: 20,
      },
    ],
    ['web:http=5', { entry: 'cluster-ip', name: 'web', port: 'http', path: '/', rps: 5 }],
    ['nodeport/web=10', { entry: 'node-port', name: 'web', path: '/', rps: 10 }],
    [
      'loadbalancer/web.shop=10',
      { entry: 'load-balancer', name: 'web', namespace: 'shop', path: '/', rps: 10 },
    ],
    [
      'http://Shop.Example.com/cart=30',
      { entry: 'ingress', name: 'shop.example.com', path: '/cart', rps: 30 },
    ],
    [
      'http://shop.example.com=30',
      { entry: 'ingress', name: 'shop.example.com', path: '/', rps: 30 },
    ],
    ['web=50@2m', { entry: 'cluster-ip', name: 'web', path: '/', rps: 50, startAtMs: 120_000 }],
  ])('%s', (spec, want) => {
    expect(parse(spec)).toEqual({ spec, ...want })
  })

  it.each([
    ['web', 'invalid traffic "web": write <service>=<requests per second>, e.g. web=50'],
    ['web=', 'invalid rate "" in "web=": give requests per second, more than 0 and at most 10000'],
    ['web=0', 'invalid rate "0" in "web=0"'],
    ['web=-3', 'invalid rate "-3"'],
    ['web=20000', 'at most 10000'],
    ['web=5@soon', 'the time after "@" in "web=5@soon": invalid duration "soon"'],
    [
      'proxy/web=5',
      'invalid traffic target "proxy/web" in "proxy/web=5": write <service>[.<namespace>][:<port>][/<path>]',
    ],
    ['Web=5', 'invalid service name "Web" in "Web=5": a DNS label'],
    ['web.Shop=5', 'invalid namespace "Shop"'],
  ])('refuses %s', (spec, message) => {
    expect(() => parse(spec)).toThrow(message)
  })
})
