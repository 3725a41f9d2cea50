// Placement in the worker: every design change asks (a drag's steps without the plan); the plan comes once a change
// settles. Each answer is numbered, with what it changed from the one before (a drag's chart boxes, or 'all'), until
// the preview has drawn it: the frame then draws only where the answers since the last one it drew changed.
import type { DesignPlan } from '@stipple/domain'
import type { ChartBox, Design, Placement } from '@stipple/engine'
import { type RefObject, useEffect, useRef, useState } from 'react'
import type { DesignVersions } from '../editor/design-versions.ts'
import { createWorkerPlacement, type PlacementClient } from '../placement/placement-client.ts'
import type { PlaceResponse } from '../placement/placement-protocol.ts'

/** A placement answer as the preview draws it; `seq` numbers the answers in the order they came. */
export interface Placed {
  placement: Placement
  versions: DesignVersions
  ms: number
  seq: number
}

/** The answers not drawn yet, by number, with what each changed. */
export type Answers = RefObject<{ seq: number; dirty: ChartBox[] | 'all' }[]>

export interface Problem {
  path: string
  message: string
}

export function usePlacement(design: Design, versions: DesignVersions, dragging: boolean) {
  const placement = useRef<PlacementClient | null>(null)
  const answers: Answers = useRef([])
  const answerSeq = useRef(0)
  const [placed, setPlaced] = useState<Placed | null>(null)
  const [plan, setPlan] = useState<DesignPlan | null>(null)
  const [problems, setProblems] = useState<Problem[]>([])
  const [pending, setPending] = useState(true)
  useEffect(() => {
    const client = createWorkerPlacement((r: PlaceResponse) => {
      if (!r.ok) {
        answers.current.push({ seq: answerSeq.current++, dirty: 'all' })
        setProblems(r.issues)
        setPending(false)
        return
      }
      const seq = answerSeq.current++
      answers.current.push({ seq, dirty: r.dirty })
      setProblems([])
      setPlaced({ placement: r.placement, versions: r.versions, ms: r.ms, seq })
      if (r.plan !== null) {
        setPlan(r.plan)
        setPending(false)
      }
    })
    placement.current = client
    return () => client.dispose()
  }, [])
  useEffect(() => {
    setPending(true)
    placement.current?.request(design, versions, !dragging)
  }, [design, versions, dragging])
  return { placed, plan, problems, setProblems, pending, answers }
}
