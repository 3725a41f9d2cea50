// The design studio: a client's design (or a preset at /studio), edited on a live WebGL2 preview with its plan and
// quote beside it; undo and redo; saved as versions and approved through the API when it belongs to a client.
import { type DesignPlan, toDesign } from '@stipple/domain'
import {
  type ChartBox,
  type ChartPoint,
  createHead,
  type Design,
  type Placement,
  PRESET_IDS,
  type PresetId,
  presetDesign,
  renderPreview,
} from '@stipple/engine'
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { ApiError, messageOf } from '../api/client.ts'
import { formatLocal } from '../ui/format.ts'
import { type DesignDetailDto, loadDesign, recordApproval, saveVersion } from './design-api.ts'
import { createWorkerPlacement, type PlacementClient } from './placement/placement-client.ts'
import type { PlaceResponse } from './placement/placement-protocol.ts'
import { type DrawingState, type OverlayShape, PreviewOverlay, type Selection } from './preview-overlay.tsx'
import { createPreviewRenderer, type PreviewRenderer } from './render/preview-renderer.ts'
import {
  addScar,
  addZone,
  controlPointsOf,
  type DrawTool,
  drawRefusal,
  finishDrawing,
  hairlineCurveOf,
  handlesOf,
  insertCorner,
  issuePlace,
  MAX_POINTS,
  minCornersOf,
  moveControlPoint,
  moveCorner,
  moveHandle,
  removeCorner,
  removeScar,
  removeZone,
  resetHandles,
  scale,
  scarPoints,
  setHairline,
  setScarFields,
  translate,
  updateScar,
  updateZone,
  withScarPoints,
} from './state/design-edits.ts'
import { commit, createHistory, endDrag, type History, preview, redo, undo } from './state/history.ts'
import { DrawBar, HairlinePanel, type LookOptions, LookPanel, PlanPanel, ZonesPanel } from './studio-panels.tsx'
import { cameraFor } from './view-camera.ts'
import './studio.css'

/** Preview side, px (the bench measures this size). */
export const PREVIEW_SIZE = 1024
const DEFAULT_PRESET: PresetId = 'norwood-5a'
/** A drag or slider resting this long counts as done (one undo step, and the plan updates). */
const SETTLE_MS = 400

interface Remote {
  clinicId: string
  designId: string
  title: string
  version: number
  versionId: string
  saved: Design
  approval: DesignDetailDto['approval']
}

/** A placement answer as the preview draws it; `seq` numbers the answers in the order they came. */
type Placed = { placement: Placement; ms: number; seq: number }

export function StudioPage() {
  const { clinicId, designId } = useParams()
  const [search, setSearch] = useSearchParams()
  const presetParam = search.get('preset')
  const preset: PresetId = PRESET_IDS.includes(presetParam as PresetId) ? (presetParam as PresetId) : DEFAULT_PRESET
  const [history, setHistory] = useState<History<Design> | null>(null)
  const [remote, setRemote] = useState<Remote | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = useCallback(() => {
    if (clinicId === undefined || designId === undefined) {
      setHistory(createHistory(presetDesign(preset)))
      setRemote(null)
      return
    }
    setLoadError(null)
    loadDesign(clinicId, designId).then(
      (d) => {
        const design = toDesign(d.latest.document)
        setHistory((h) => (h === null ? createHistory(design) : commit(h, design)))
        setRemote({
          clinicId,
          designId,
          title: d.title,
          version: d.latest.version,
          versionId: d.latest.id,
          saved: design,
          approval: d.approval,
        })
      },
      (e: unknown) => setLoadError(messageOf(e))
    )
  }, [clinicId, designId, preset])
  useEffect(load, [load])

  if (loadError !== null)
    return (
      <section className="studio" aria-label="Design studio">
        <h1>Design studio</h1>
        <p role="alert">{loadError}</p>
        <button type="button" onClick={load}>
          Try again
        </button>
      </section>
    )
  if (history === null) return <p aria-live="polite">Loading the design…</p>
  return (
    <Studio
      history={history}
      setHistory={setHistory}
      remote={remote}
      setRemote={setRemote}
      reload={load}
      preset={remote === null ? preset : null}
      onPreset={(p) => setSearch({ preset: p })}
    />
  )
}

function Studio(props: {
  history: History<Design>
  setHistory(f: (h: History<Design> | null) => History<Design> | null): void
  remote: Remote | null
  setRemote(r: Remote | null): void
  reload(): void
  preset: PresetId | null
  onPreset(p: PresetId): void
}) {
  const { history, setHistory, remote } = props
  const design = history.present
  const dragging = history.dragFrom !== null
  const head = useMemo(() => createHead(design.head), [design.head])
  const [look, setLook] = useState<LookOptions>({
    session: design.sessions.length,
    stage: 'healed',
    years: 0,
    view: 'top',
    angle: 0,
    rotating: false,
    split: 0,
  })
  const session = Math.min(look.session, design.sessions.length)
  const [selection, setSelection] = useState<Selection>(null)
  const [placed, setPlaced] = useState<Placed | null>(null)
  const [plan, setPlan] = useState<DesignPlan | null>(null)
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([])
  const [pending, setPending] = useState(true)
  const [status, setStatus] = useState('')
  const [conflict, setConflict] = useState(false)
  const [busy, setBusy] = useState(false)
  const [approvalMethod, setApprovalMethod] = useState<'in-clinic' | 'paper'>('in-clinic')
  const [noWebgl, setNoWebgl] = useState(false)
  const methodId = useId()

  // placement in the worker: every design change asks; the plan comes once a change settles
  const placement = useRef<PlacementClient | null>(null)
  // what each placement answer changed from the one before (a drag's chart boxes, or 'all'), by answer number, until
  // the preview has drawn that answer: it then draws only where the answers since the last one it drew changed
  const answers = useRef<{ seq: number; dirty: ChartBox[] | 'all' }[]>([])
  const painted = useRef(-1)
  const answerSeq = useRef(0)
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
      setPlaced({ placement: r.placement, ms: r.ms, seq })
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
    placement.current?.request(design, !dragging)
  }, [design, dragging])

  // the preview: drawn on the next animation frame after anything it shows changes
  const canvas = useRef<HTMLCanvasElement>(null)
  const renderer = useRef<PreviewRenderer | null>(null)
  const camera = useMemo(() => cameraFor(head, look.view, look.angle, PREVIEW_SIZE), [head, look.view, look.angle])
  useEffect(() => {
    if (canvas.current === null || renderer.current !== null) return
    renderer.current = createPreviewRenderer(canvas.current, PREVIEW_SIZE)
    if (renderer.current === null) setNoWebgl(true)
  }, [])
  useEffect(() => {
    if (placed === null) return
    const frame = requestAnimationFrame(() => {
      // the placement is drawn as it is, with its own design (the design of the answer, a step behind while dragging)
      const { placement } = placed
      const options = {
        view: look.view === 'rotate' ? ('front' as const) : look.view,
        session: Math.min(session, placement.design.sessions.length),
        stage: look.stage,
        years: look.stage === 'healed' ? look.years : 0,
        width: PREVIEW_SIZE,
        height: PREVIEW_SIZE,
      }
      const split = (look.split / 100) * PREVIEW_SIZE
      const r = renderer.current
      if (r !== null) {
        // the answers between the one last drawn and the one drawn now
        const between = answers.current.filter((a) => a.seq > painted.current && a.seq <= placed.seq)
        const whole = painted.current < 0 || between.some((a) => a.dirty === 'all')
        const since = whole ? {} : { changed: between.flatMap((a) => (a.dirty === 'all' ? [] : a.dirty)) }
        const issues = r.render({
          placement,
          options,
          view: camera,
          split,
          ...since,
        })
        if (issues.length > 0) {
          // nothing was drawn: the next frame draws everything
          painted.current = -1
          setProblems(issues)
          return
        }
        painted.current = placed.seq
        answers.current = answers.current.filter((a) => a.seq > placed.seq)
        return
      }
      // without WebGL2: the engine's CPU renderer into a 2D canvas (named views only)
      const ctx = canvas.current?.getContext('2d')
      if (ctx === null || ctx === undefined) return
      const image = ctx.createImageData(PREVIEW_SIZE, PREVIEW_SIZE)
      renderPreview(placement, options, image)
      ctx.putImageData(image, 0, 0)
      // drawn whole: the answers up to this one are done with
      answers.current = answers.current.filter((a) => a.seq > placed.seq)
    })
    return () => cancelAnimationFrame(frame)
  }, [placed, look, session, camera])

  // the turning head
  useEffect(() => {
    if (!(look.view === 'rotate' && look.rotating)) return
    const timer = setInterval(() => setLook((l) => ({ ...l, angle: (l.angle + 3) % 360 })), 80)
    return () => clearInterval(timer)
  }, [look.view, look.rotating])

  // edits: a drag (or a slider moving) previews without history and lands as one step when it ends or rests
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null)
  const change = useCallback(
    (f: (d: Design) => Design, done: boolean, rests = false) => {
      if (settle.current !== null) clearTimeout(settle.current)
      // a pointer drag on the preview ends with its pointerup; a slider may end with no event at all
      settle.current =
        done || !rests ? null : setTimeout(() => setHistory((h) => (h === null ? h : endDrag(h))), SETTLE_MS)
      setHistory((h) => {
        if (h === null) return h
        const next = f(h.present)
        return done ? endDrag(h.dragFrom === null ? commit(h, next) : preview(h, next)) : preview(h, next)
      })
    },
    [setHistory]
  )
  const doUndo = useCallback(() => setHistory((h) => (h === null ? h : undo(h))), [setHistory])
  const doRedo = useCallback(() => setHistory((h) => (h === null ? h : redo(h))), [setHistory])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return
      const t = e.target as HTMLElement | null
      if (t?.tagName === 'INPUT' && (t as HTMLInputElement).type === 'text') return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault()
        doUndo()
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault()
        doRedo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [doUndo, doRedo])

  // shapes on the overlay, with the geometry at the start of a gesture kept so moves are relative to it
  const gestureStart = useRef<{ key: string; points: readonly ChartPoint[] } | null>(null)
  const shapes: OverlayShape[] = useMemo(
    () => [
      ...design.zones.map((z) => ({
        kind: 'zone' as const,
        id: z.id,
        label: `Zone ${z.id}`,
        points: z.polygon,
        closed: true,
        minCorners: 3,
      })),
      ...design.scars.map((s) => ({
        kind: 'scar' as const,
        id: s.id,
        label: `Scar ${s.id}`,
        points: scarPoints(s),
        closed: s.kind !== 'fut',
        minCorners: s.kind === 'fut' ? 2 : 3,
      })),
    ],
    [design.zones, design.scars]
  )
  const reshape = (shape: OverlayShape, f: (points: readonly ChartPoint[]) => ChartPoint[], done: boolean) => {
    const key = `${shape.kind}:${shape.id}`
    if (gestureStart.current?.key !== key) gestureStart.current = { key, points: shape.points }
    const from = gestureStart.current.points
    const next = f(from)
    if (done) gestureStart.current = null
    change(
      (d) =>
        shape.kind === 'zone'
          ? updateZone(d, shape.id, { polygon: next })
          : updateScar(d, shape.id, (s) => withScarPoints(s, next)),
      done
    )
  }
  const controlPoints = useMemo(() => controlPointsOf(design), [design])
  const handles = useMemo(() => handlesOf(design), [design])
  const curve = useMemo(() => hairlineCurveOf(design), [design])
  const selectedPoint = selection?.kind === 'point' && selection.index < controlPoints.length ? selection.index : null
  const selectedShape = selection?.kind === 'point' ? null : selection

  // drawing a zone or scar: the points live here until the drawing is finished, which is one step of history
  const [drawing, setDrawing] = useState<DrawingState | null>(null)
  const figure = useRef<HTMLElement>(null)
  const [drawMessage, setDrawMessage] = useState<string | null>(null)
  const startDrawing = (tool: DrawTool) => {
    if (drawing?.tool === tool) {
      // the tool's button again: put it away
      setDrawing(null)
      setDrawMessage(null)
      return
    }
    const refusal = drawRefusal(design, tool)
    setDrawMessage(refusal)
    if (refusal !== null) return
    setSelection(null)
    setDrawing({ tool, points: [] })
    // the tool buttons sit below the preview on a tablet: bring the head into view, where the points are placed
    const rect = figure.current?.getBoundingClientRect()
    if (rect !== undefined && (rect.top < 0 || rect.bottom > window.innerHeight))
      figure.current?.scrollIntoView({ block: 'nearest' })
  }
  const cancelDrawing = useCallback(() => {
    setDrawing(null)
    setDrawMessage(null)
  }, [])
  const removeLastPoint = useCallback(() => {
    setDrawMessage(null)
    setDrawing((d) => (d === null ? d : { ...d, points: d.points.slice(0, -1) }))
  }, [])
  const finish = useCallback(() => {
    if (drawing === null) return
    const r = finishDrawing(design, drawing.tool, drawing.points)
    if (!r.ok) {
      setDrawMessage(r.message)
      return
    }
    change(() => r.design, true)
    setDrawing(null)
    setDrawMessage(null)
    setSelection(r.selection)
  }, [drawing, design, change])
  const addDrawPoint = (p: ChartPoint | null) => {
    if (p === null) {
      setDrawMessage('That point is off the head: place the points on the scalp.')
      return
    }
    setDrawMessage(null)
    setDrawing((d) => (d === null || d.points.length >= MAX_POINTS ? d : { ...d, points: [...d.points, p] }))
  }
  useEffect(() => {
    if (drawing === null) return
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (t !== null && ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName)) return
      // Enter on a focused button presses that button (Cancel drawing, Remove last point)
      if (e.key === 'Enter' && t?.tagName !== 'BUTTON') finish()
      else if (e.key === 'Escape') cancelDrawing()
      else if (e.key === 'Backspace') removeLastPoint()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [drawing, finish, cancelDrawing, removeLastPoint])
  const removeSelectedCorner = () => {
    if (selectedShape === null || selectedShape.corner === undefined) return
    const { corner } = selectedShape
    const before = design
    const after = removeCorner(before, selectedShape, corner)
    if (after === before) return
    change(() => after, true)
    setSelection({ ...selectedShape, corner: Math.max(0, corner - 1) })
  }

  // saving and approval
  const dirty = remote !== null && remote.saved !== design
  const save = async () => {
    if (remote === null) return
    setBusy(true)
    setConflict(false)
    try {
      const saved = await saveVersion(remote.clinicId, remote.designId, remote.version, design)
      props.setRemote({ ...remote, version: saved.version, versionId: saved.id, saved: design })
      setStatus(`Saved as version ${saved.version}.`)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true)
      else setStatus(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const approve = async () => {
    if (remote === null) return
    setBusy(true)
    try {
      const a = await recordApproval(remote.clinicId, remote.designId, remote.versionId, approvalMethod)
      props.setRemote({ ...remote, approval: a })
      setStatus(`The client's approval of version ${a.version} is recorded.`)
    } catch (e) {
      setStatus(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const centerOfView = (): ChartPoint => (look.view === 'back' ? [0, -110] : look.view === 'front' ? [0, 60] : [0, 0])
  const presetId = useId()

  return (
    // a section, not <main>: the app mounts the studio inside its own layout's main landmark
    <section className="studio" aria-label="Design studio">
      <header className="studio-header">
        <h1>Design studio{remote !== null ? `: ${remote.title}` : ''}</h1>
        {props.preset !== null && (
          <div className="studio-field">
            <label htmlFor={presetId}>Start from</label>
            <select
              id={presetId}
              value={props.preset}
              onChange={(e) => props.onPreset(e.currentTarget.value as PresetId)}
            >
              {PRESET_IDS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="studio-row" role="toolbar" aria-label="History">
          <button type="button" onClick={doUndo} disabled={history.past.length === 0} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button
            type="button"
            onClick={doRedo}
            disabled={history.future.length === 0}
            aria-keyshortcuts="Control+Shift+Z"
          >
            Redo
          </button>
        </div>
      </header>
      <div className="studio-body">
        <div className="studio-stage">
          <figure className="studio-figure" ref={figure}>
            <div
              className="studio-canvas-wrap"
              style={{ position: 'relative', width: '100%', maxWidth: 720, aspectRatio: '1' }}
            >
              <canvas
                ref={canvas}
                width={PREVIEW_SIZE}
                height={PREVIEW_SIZE}
                role="img"
                aria-label="Simulated preview"
                data-testid="studio-preview"
                style={{ width: '100%', height: '100%', display: 'block' }}
              />
              <div style={{ position: 'absolute', inset: 0 }}>
                <PreviewOverlay
                  view={camera}
                  size={PREVIEW_SIZE}
                  controlPoints={controlPoints}
                  handles={handles}
                  curve={curve}
                  shapes={shapes}
                  selection={selection}
                  onSelect={setSelection}
                  onMovePoint={(i, to, done) => change((d) => moveControlPoint(d, i, to), done)}
                  onMoveHandle={(i, side, offset, corner, done) =>
                    change((d) => moveHandle(d, i, side, offset, corner), done)
                  }
                  onMoveShape={(shape, dx, dy, done) => reshape(shape, (p) => translate(p, dx, dy), done)}
                  onResizeShape={(shape, f, done) => reshape(shape, (p) => scale(p, f), done)}
                  onMoveCorner={(shape, i, to, done) => change((d) => moveCorner(d, shape, i, to), done)}
                  onInsertCorner={(shape, i, at, done) => change((d) => insertCorner(d, shape, i, at), done)}
                  onRemoveCorner={(shape, i) => {
                    if (shape.points.length <= minCornersOf(design, shape)) return
                    change((d) => removeCorner(d, shape, i), true)
                    setSelection({ kind: shape.kind, id: shape.id, corner: Math.min(i, shape.points.length - 2) })
                  }}
                  onDragEnd={() => setHistory((h) => (h === null ? h : endDrag(h)))}
                  drawing={drawing}
                  onDrawPoint={addDrawPoint}
                  onDrawFinish={finish}
                />
              </div>
            </div>
            <figcaption>
              Simulated preview{look.split > 0 ? ': before treatment on the left, after on the right' : ''}.
              {placed !== null && ` ${placed.placement.dots.count.toLocaleString('en')} dots.`}
            </figcaption>
          </figure>
          <DrawBar
            drawing={drawing}
            message={drawMessage}
            onFinish={finish}
            onRemoveLast={removeLastPoint}
            onCancel={cancelDrawing}
          />
          {noWebgl && <p className="studio-note">This browser offers no WebGL2; the preview is drawn on the CPU.</p>}
          {problems.length > 0 && (
            <ul role="alert" className="studio-problems">
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {issuePlace(design, p.path)}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="studio-side">
          <PlanPanel plan={plan} pending={pending} />
          <LookPanel
            sessions={design.sessions.length}
            look={{ ...look, session }}
            onLook={(p) => setLook((l) => ({ ...l, ...p }))}
          />
          <HairlinePanel
            design={design}
            onChange={(patch, done) => change((d) => setHairline(d, patch), done, true)}
            point={
              selectedPoint === null
                ? null
                : {
                    index: selectedPoint,
                    count: controlPoints.length,
                    automatic: handles[selectedPoint]?.automatic ?? true,
                  }
            }
            onResetHandles={() => {
              if (selectedPoint !== null) change((d) => resetHandles(d, selectedPoint), true)
            }}
          />
          <ZonesPanel
            design={design}
            selected={selectedShape}
            onSelect={setSelection}
            onAddZone={() => change((d) => addZone(d, centerOfView()), true)}
            onAddScar={() => change((d) => addScar(d, [0, -110]), true)}
            drawing={drawing?.tool ?? null}
            onDraw={startDrawing}
            onZone={(id, patch, done) => change((d) => updateZone(d, id, patch), done, true)}
            onScar={(id, patch, done) => change((d) => setScarFields(d, id, patch), done, true)}
            onRemove={(kind, id) => {
              setSelection(null)
              change((d) => (kind === 'zone' ? removeZone(d, id) : removeScar(d, id)), true)
            }}
            onRemoveCorner={removeSelectedCorner}
          />
          {remote !== null && (
            <section className="studio-panel" aria-label="Versions and approval">
              <h2>Versions and approval</h2>
              <p>
                Version {remote.version}
                {dirty ? ', with unsaved changes' : ''}.
              </p>
              <button type="button" onClick={save} disabled={busy || !dirty}>
                Save as a new version
              </button>
              {conflict && (
                <div role="alert">
                  <p>
                    Someone saved a newer version of this design meanwhile (or it was approved). Your changes are still
                    here.
                  </p>
                  <button type="button" onClick={props.reload}>
                    Load the newest version
                  </button>
                </div>
              )}
              {remote.approval !== null ? (
                <p>
                  Approved: version {remote.approval.version}, {remote.approval.method},{' '}
                  {formatLocal(remote.approval.approvedAtLocal)}.
                </p>
              ) : (
                <p>Not approved yet.</p>
              )}
              <div className="studio-field">
                <label htmlFor={methodId}>How the client approved</label>
                <select
                  id={methodId}
                  value={approvalMethod}
                  onChange={(e) => setApprovalMethod(e.currentTarget.value as 'in-clinic' | 'paper')}
                >
                  <option value="in-clinic">In the clinic</option>
                  <option value="paper">On paper</option>
                </select>
              </div>
              <button type="button" onClick={approve} disabled={busy || dirty}>
                Record the client's approval of version {remote.version}
              </button>
            </section>
          )}
          <p aria-live="polite" className="studio-status">
            {status}
          </p>
        </div>
      </div>
    </section>
  )
}
