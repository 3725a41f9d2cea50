// Consent templates (versioned) and signed consents (immutable: the database refuses UPDATE, DELETE and TRUNCATE, and
// the API has no route that would try). Every read and write of a client's consents is audited.
import { createHash } from 'node:crypto'
import type {
  ConsentSign,
  ConsentTemplate,
  ConsentTemplateCreate,
  PortalConsents,
  SignedConsent,
} from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, ownClientId, requireClient } from '../clients/guard.ts'
import type { PhotoStore } from '../photos/store.ts'
import { readSignature } from './signature.ts'
import type { ConsentRepositories, ConsentWork } from './work.ts'

const noConsent = (id: string) => new AppError('not_found', `No signed consent ${id} of this client`)

/** What the client signs: the version's title, a blank line, and its body, exactly as shown. */
export const textToSign = (t: Pick<ConsentTemplate, 'title' | 'body'>) => `${t.title}\n\n${t.body}`

const dto = ({ sha: _sha, ...consent }: SignedConsent & { sha: string | null }): SignedConsent => consent

export class ConsentService {
  readonly #work: ConsentWork
  readonly #store: PhotoStore
  constructor(work: ConsentWork, store: PhotoStore) {
    this.#work = work
    this.#store = store
  }

  #run<T>(work: (repos: ConsentRepositories) => Promise<T>): Promise<T> {
    return this.#work.run(work)
  }

  /** A new version of the clinic's template of this kind (version 1 when it has none yet). */
  createTemplate(actor: Actor, input: ConsentTemplateCreate): Promise<ConsentTemplate> {
    return this.#run(async (repos) => {
      await repos.consents.lockKind(actor.clinicId, input.kind)
      const version = (await repos.consents.latestVersion(actor.clinicId, input.kind)) + 1
      const template = await repos.consents.createTemplate(actor.clinicId, input, version, actor.membershipId)
      await audit(repos, actor, {
        action: 'create',
        entity: 'consent-template',
        entityId: template.id,
        detail: { kind: template.kind, version },
      })
      return template
    })
  }

  listTemplates(actor: Actor): Promise<ConsentTemplate[]> {
    return this.#run((repos) => repos.consents.latestTemplates(actor.clinicId))
  }

  getTemplate(actor: Actor, id: string): Promise<ConsentTemplate> {
    return this.#run(async (repos) => {
      const template = await repos.consents.template(actor.clinicId, id)
      if (template === null) throw new AppError('not_found', `No consent template ${id} in this clinic`)
      return template
    })
  }

  /** Signed in the clinic on the tablet by the client, recorded by the signed-in staff member. */
  sign(actor: Actor, clientId: string, input: ConsentSign): Promise<SignedConsent> {
    return this.#sign(actor, clientId, input, 'in-clinic')
  }

  list(actor: Actor, clientId: string): Promise<SignedConsent[]> {
    return this.#run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const consents = await repos.consents.signed(actor.clinicId, clientId)
      await audit(repos, actor, {
        action: 'read',
        entity: 'signed-consent-list',
        clientId,
        detail: { count: consents.length },
      })
      return consents.map(dto)
    })
  }

  get(actor: Actor, clientId: string, id: string): Promise<SignedConsent> {
    return this.#run(async (repos) => dto(await this.#find(repos, actor, clientId, id, 'text')))
  }

  /** The signature image (PNG), audited as a read of the signed consent. */
  signature(actor: Actor, clientId: string, id: string): Promise<{ bytes: Buffer; sha256: string }> {
    return this.#run(async (repos) => {
      const consent = await this.#find(repos, actor, clientId, id, 'signature')
      if (consent.sha === null) throw new AppError('not_found', `Signed consent ${id} has no signature image`)
      const bytes = await this.#store.get(consent.sha)
      if (bytes === null) throw new Error(`signed consent ${id}: stored signature ${consent.sha} is missing`)
      return { bytes, sha256: consent.sha }
    })
  }

  /** The portal: the client's own signed consents and the latest required versions not signed yet. */
  portal(actor: Actor): Promise<PortalConsents> {
    return this.#run(async (repos) => {
      const clientId = await ownClientId(repos.clients, actor)
      const signed = await repos.consents.signed(actor.clinicId, clientId)
      const required = new Set(['treatment', 'privacy'])
      if (await repos.consents.hasLaserCourse(actor.clinicId, clientId)) required.add('laser-removal')
      const signedVersions = new Set(signed.map((s) => s.templateVersionId))
      const toSign = (await repos.consents.latestTemplates(actor.clinicId)).filter(
        (t) => required.has(t.kind) && !signedVersions.has(t.id)
      )
      await audit(repos, actor, {
        action: 'read',
        entity: 'signed-consent-list',
        clientId,
        detail: { count: signed.length, toSign: toSign.map((t) => `${t.kind} v${t.version}`) },
      })
      return { signed: signed.map(dto), toSign }
    })
  }

  /** The client signs in their own portal. */
  async signOwn(actor: Actor, input: ConsentSign): Promise<SignedConsent> {
    const clientId = await this.#run((repos) => ownClientId(repos.clients, actor))
    return this.#sign(actor, clientId, input, 'portal')
  }

  async #sign(
    actor: Actor,
    clientId: string,
    input: ConsentSign,
    method: 'in-clinic' | 'portal'
  ): Promise<SignedConsent> {
    const signature = await readSignature(input.signatureImage)
    let written = false
    try {
      return await this.#run(async (repos) => {
        if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
        const template = await repos.consents.template(actor.clinicId, input.templateVersionId)
        if (template === null) {
          throw new AppError('invalid_input', 'The consent names a template this clinic does not have', {
            problems: [{ path: 'body.templateVersionId', message: 'no such consent template in this clinic' }],
          })
        }
        const latest = await repos.consents.latestVersion(actor.clinicId, template.kind)
        if (latest > template.version) {
          const message = `version ${latest} of the ${template.kind} consent replaces version ${template.version}; sign the current version`
          throw new AppError('unprocessable', message, { problems: [{ path: 'body.templateVersionId', message }] })
        }
        written = await this.#store.put(signature.sha256, signature.bytes)
        const text = textToSign(template)
        const id = await repos.consents.createSigned(actor.clinicId, {
          clientId,
          templateId: template.id,
          textSigned: text,
          textSha256: createHash('sha256').update(text).digest('hex'),
          signerName: input.signerName,
          ip: actor.ip,
          userAgent: actor.userAgent,
          signatureSha256: signature.sha256,
          method,
          recordedBy: actor.membershipId,
        })
        await audit(repos, actor, {
          action: 'create',
          entity: 'signed-consent',
          entityId: id,
          clientId,
          detail: { kind: template.kind, version: template.version, method },
        })
        const [consent] = await repos.consents.signed(actor.clinicId, clientId, id)
        if (consent === undefined) throw new Error(`signed consent ${id} vanished inside its own transaction`)
        return dto(consent)
      })
    } catch (error) {
      // the image was written for a consent that was not: remove it unless something else refers to that content
      if (written && !(await this.#run((repos) => repos.consents.referencesContent(signature.sha256)))) {
        await this.#store.delete(signature.sha256)
      }
      throw error
    }
  }

  async #find(repos: ConsentRepositories, actor: Actor, clientId: string, id: string, part: 'text' | 'signature') {
    await requireClient(repos.clients, actor.clinicId, clientId)
    const [consent] = await repos.consents.signed(actor.clinicId, clientId, id)
    if (consent === undefined) throw noConsent(id)
    await audit(repos, actor, { action: 'read', entity: 'signed-consent', entityId: id, clientId, detail: { part } })
    return consent
  }
}
