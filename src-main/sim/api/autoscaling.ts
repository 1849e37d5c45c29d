import type { Condition, KubeObject } from './meta'

export interface CrossVersionObjectReference {
  apiVersion?: string
  kind: string
  name: string
}

export interface MetricTarget {
  type: 'Utilization' | 'AverageValue' | 'Value'
  averageUtilization?: number
  averageValue?: string
  value?: string
}

export interface MetricSpec {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External'
  resource?: { name: string; target: MetricTarget }
}

export interface HPAScalingPolicy {
  type: 'Pods' | 'Percent'
  value: number
  periodSeconds: number
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number
  selectPolicy?: 'Max' | 'Min' | 'Disabled'
  policies?: HPAScalingPolicy[]
}

export interface MetricStatus {
  type: 'Resource'
  resource: { name: string; current: { averageUtilization?: number; averageValue?: string } }
}

export interface HorizontalPodAutoscaler extends KubeObject {
  kind: 'HorizontalPodAutoscaler'
  spec: {
    scaleTargetRef: CrossVersionObjectReference
    minReplicas?: number
    maxReplicas: number
    metrics?: MetricSpec[]
    behavior?: { scaleUp?: HPAScalingRules; scaleDown?: HPAScalingRules }
  }
  status?: {
    observedGeneration?: number
    lastScaleTime?: string
    currentReplicas: number
    desiredReplicas: number
    currentMetrics?: MetricStatus[]
    conditions?: Condition[]
  }
}
