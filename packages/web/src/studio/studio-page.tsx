// The design studio: a client's design (or a preset at /studio), edited on a live WebGL2 preview with its plan and
// quote beside it; undo and redo; saved as versions and approved through the API when it belongs to a client. The
// page composes: the design's data comes from `useDesign`, editing from the editor store, placement and the frame
// loop from `preview/`, and each panel is its own component.
import { type ChartPoint, createHead, type Design, PRESET_IDS, type PresetId, presetDesign } from '@stipple/engine'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { useDesign } from '../api/use-design.ts'
import { EditorStore } from './editor/store.ts'
import { useEditorKeys, useEditorState } from './editor/use-editor.ts'
import { CloseUpPick } from './inspect/close-up-pick.tsx'
import { CloseUpView, FringeMatchPanel } from './inspect/inspect-panels.tsx'
import { useFringeMatch } from './inspect/use-fringe-match.ts'
import { PreviewOverlay } from './overlay/preview-overlay.tsx'
import { DrawBar } from './panels/draw-bar.tsx'
import { HairlinePanel } from './panels/hairline-panel.tsx'
import { type LookOptions, LookPanel } from './panels/look-panel.tsx'
import { PlanPanel } from './panels/plan-panel.tsx'
import { VersionsPanel } from './panels/versions-panel.tsx'
import { ZonesPanel } from './panels/zones-panel.tsx'
import { usePlacement } from './preview/use-placement.ts'
import { usePreviewFrame } from './preview/use-preview-frame.ts'
import {
  addScar,
  addZone,
  hairlineCurveOf,
  issuePlace,
  resetHandles,
  setHairline,
  setShapeFields,
} from './state/design-edits.ts'
import { cameraFor, ORBIT_ELEVATION } from './view-camera.ts'
import './studio.css'

/** Preview side, px (the bench measures this size). */
export const PREVIEW_SIZE = 1024
const DEFAULT_PRESET: PresetId = 'norwood-5a'

export function StudioPage() {
  const { clinicId, designId } = useParams()
  const [search, setSearch] = useSearchParams()
  const presetParam = search.get('preset')
  const preset: PresetId = PRESET_IDS.includes(presetParam as PresetId) ? (presetParam as PresetId) : DEFAULT_PRESET
  const remoteIds = clinicId !== undefined && designId !== undefined
  const data = useDesign(clinicId, designId)
  const [editor, setEditor] = useState<EditorStore | null>(null)
  // a preset starts a new history; each load of a client's design is one step of the history there is
  useEffect(() => {
    if (!remoteIds) setEditor(new EditorStore(presetDesign(preset)))
  }, [remoteIds, preset])
  const { loaded } = data
  useEffect(() => {
    if (loaded === null) return
    setEditor((e) => {
      if (e === null) return new EditorStore(loaded)
      e.replace(loaded)
      return e
    })
  }, [loaded])

  if (data.loadError !== null)
    return (
      <section className="studio" aria-label="Design studio">
        <h1>Design studio</h1>
        <p role="alert">{data.loadError}</p>
        <button type="button" onClick={data.reload}>
          Try again
        </button>
      </section>
    )
  if (editor === null) return <p aria-live="polite">Loading the design…</p>
  return (
    <Studio
      editor={editor}
      data={data}
      preset={data.remote === null ? preset : null}
      onPreset={(p) => setSearch({ preset: p })}
    />
  )
}

function Studio(props: {
  editor: EditorStore
  data: ReturnType<typeof useDesign>
  preset: PresetId | null
  onPreset(p: PresetId): void
}) {
  const { editor, data } = props
  const { remote } = data
  const state = useEditorState(editor)
  useEditorKeys(editor)
  const { design, versions } = state.history.present
  const dragging = state.history.dragFrom !== null
  const head = useMemo(() => createHead(design.head), [design.head])
  const [look, setLook] = useState<LookOptions>({
    session: design.sessions.length,
    stage: 'healed',
    years: 0,
    view: 'top',
    angle: 0,
    elevation: ORBIT_ELEVATION,
    rotating: false,
    split: 0,
  })
  const session = Math.min(look.session, design.sessions.length)
  const change = (f: (d: Design) => Design, done: boolean, rests = false) => editor.change(f, done, rests)

  const { placed, plan, problems, setProblems, pending, answers } = usePlacement(design, versions, dragging)
  const fringe = useFringeMatch(placed?.placement ?? null, dragging, { session, stage: look.stage, years: look.years })
  // the close-up: "Close-up", then a click on the preview picks its centre
  const [picking, setPicking] = useState(false)
  const [closeUp, setCloseUp] = useState<{ u: number; v: number } | null>(null)
  const [pickMessage, setPickMessage] = useState('')

  const canvas = useRef<HTMLCanvasElement>(null)
  const camera = useMemo(
    () => cameraFor(head, look.view, look.angle, PREVIEW_SIZE, look.elevation),
    [head, look.view, look.angle, look.elevation]
  )
  editor.setViewport(camera, PREVIEW_SIZE)
  const { noWebgl } = usePreviewFrame({
    canvas,
    size: PREVIEW_SIZE,
    placed,
    answers,
    look,
    session,
    camera,
    onProblems: setProblems,
  })

  // the turning head
  useEffect(() => {
    if (!(look.view === 'rotate' && look.rotating)) return
    const timer = setInterval(() => setLook((l) => ({ ...l, angle: (l.angle + 3) % 360 })), 80)
    return () => clearInterval(timer)
  }, [look.view, look.rotating])

  const curve = useMemo(() => hairlineCurveOf(design), [design])
  const controlPoints = editor.controlPoints
  const handles = editor.handles
  const { selection, drawing } = state
  const selectedPoint = selection?.kind === 'point' && selection.index < controlPoints.length ? selection.index : null
  const selectedShape = selection?.kind === 'point' ? null : selection

  const figure = useRef<HTMLElement>(null)
  const startDrawing = (tool: Parameters<EditorStore['toggleDrawing']>[0]) => {
    if (!editor.toggleDrawing(tool)) return
    // the tool buttons sit below the preview on a tablet: bring the head into view, where the points are placed
    const rect = figure.current?.getBoundingClientRect()
    if (rect !== undefined && (rect.top < 0 || rect.bottom > window.innerHeight))
      figure.current?.scrollIntoView({ block: 'nearest' })
  }

  const dirty = remote !== null && remote.saved !== design
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
          <button
            type="button"
            onClick={editor.undo}
            disabled={state.history.past.length === 0}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={editor.redo}
            disabled={state.history.future.length === 0}
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
                <PreviewOverlay editor={editor} state={state} view={camera} size={PREVIEW_SIZE} curve={curve} />
              </div>
              {picking && (
                <CloseUpPick
                  view={camera}
                  size={PREVIEW_SIZE}
                  onPick={(at) => {
                    if (at === null) {
                      setPickMessage('That is not on the scalp: pick a point on the head.')
                      return
                    }
                    setPickMessage('')
                    setPicking(false)
                    setCloseUp(at)
                  }}
                />
              )}
            </div>
            <figcaption>
              Simulated preview{look.split > 0 ? ': before treatment on the left, after on the right' : ''}.
              {placed !== null && ` ${placed.placement.dots.count.toLocaleString('en')} dots.`}{' '}
              <button type="button" aria-pressed={picking} onClick={() => setPicking((p) => !p)}>
                {picking ? 'Cancel the close-up' : 'Close-up'}
              </button>
              {picking && <span role="status"> Click a point on the preview for a 20 mm close-up.</span>}
              {pickMessage !== '' && <span role="alert"> {pickMessage}</span>}
            </figcaption>
          </figure>
          {closeUp !== null && placed !== null && (
            <CloseUpView
              placement={placed.placement}
              at={closeUp}
              options={{ session, stage: look.stage, years: look.years }}
              frozen={dragging}
              onClose={() => setCloseUp(null)}
            />
          )}
          <DrawBar
            drawing={drawing}
            message={state.drawMessage}
            onFinish={editor.finishDrawing}
            onRemoveLast={editor.removeLastPoint}
            onCancel={editor.cancelDrawing}
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
          <FringeMatchPanel
            match={fringe.match}
            pending={fringe.pending}
            when={
              look.stage === 'fresh'
                ? `the day after session ${session}`
                : `healed after session ${session}${look.years > 0 ? `, ${look.years} years on` : ''}`
            }
          />
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
            onSelect={editor.select}
            onAddZone={() => change((d) => addZone(d, centerOfView()), true)}
            onAddScar={() => change((d) => addScar(d, [0, -110]), true)}
            drawing={drawing?.tool ?? null}
            onDraw={startDrawing}
            onFields={(ref, patch, done) => change((d) => setShapeFields(d, ref, patch), done, true)}
            onRemove={(ref) => editor.removeShape(ref)}
            onRemoveCorner={editor.removeSelectedCorner}
          />
          {remote !== null && (
            <VersionsPanel
              remote={remote}
              dirty={dirty}
              busy={data.busy}
              conflict={data.conflict}
              onSave={() => data.save(design)}
              onReload={data.reload}
              onApprove={data.approve}
            />
          )}
          <p aria-live="polite" className="studio-status">
            {data.status}
          </p>
        </div>
      </div>
    </section>
  )
}
