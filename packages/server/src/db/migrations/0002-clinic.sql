-- The clinic model. Every clinic-owned row carries clinic_id, and child rows reference their parent through
-- (clinic_id, id), so the database itself refuses a row that points into another clinic.

-- Rejects UPDATE, DELETE and TRUNCATE on append-only tables (signed consents, the audit log).
create function stipple_reject_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'P0001';
end
$$;

create table clinics (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at timestamptz not null default now()
);

create table locations (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id),
  name text not null,
  -- { line1, line2?, city, region, postalCode, country }
  address jsonb not null,
  -- an IANA zone name, e.g. America/Toronto
  time_zone text not null,
  -- { mon: [["09:00","17:00"]], ... } in the location's own time zone
  opening_hours jsonb not null,
  -- a domain price list id, e.g. "toronto"
  price_list_id text not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id)
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id),
  user_id text not null references auth_user ("id") on delete cascade,
  role text not null check (role in ('owner', 'practitioner', 'front_desk', 'client')),
  display_name text not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, user_id),
  unique (clinic_id, id)
);

create table practitioner_credentials (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  membership_id uuid not null,
  kind text not null check (kind in ('certification', 'licence')),
  title text not null,
  number text,
  issuer text not null,
  issued_on date,
  expires_on date,
  -- whether the public site may show it
  public boolean not null default false,
  created_at timestamptz not null default now(),
  foreign key (clinic_id, membership_id) references memberships (clinic_id, id) on delete cascade
);
create index practitioner_credentials_expiry_idx on practitioner_credentials (clinic_id, expires_on);

create table clients (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id),
  given_name text not null,
  family_name text not null,
  email text,
  phone text,
  date_of_birth date,
  -- enquiry | consultation | design | in-course | aftercare | touch-up-due | closed
  stage text not null default 'enquiry',
  home_location_id uuid,
  -- { careEmail, careSms, marketingEmail, marketingSms, updatedAt }
  communication_consents jsonb not null,
  -- the portal account of this client, when they have one
  user_id text references auth_user ("id") on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- set when the client was erased on request (DOMAIN §6.4): personal fields are blanked, retained records stay
  erased_at timestamptz,
  unique (clinic_id, id),
  foreign key (clinic_id, home_location_id) references locations (clinic_id, id)
);
create index clients_clinic_name_idx on clients (clinic_id, lower(family_name), lower(given_name));
create index clients_clinic_email_idx on clients (clinic_id, lower(email));

create table intakes (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  -- 1, 2, 3… per client: a corrected intake is a new version, never an edit
  version integer not null check (version >= 1),
  -- the document's schema id, e.g. stipple.intake/v1
  schema text not null,
  document jsonb not null,
  recorded_by uuid not null,
  created_at timestamptz not null default now(),
  unique (client_id, version),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, recorded_by) references memberships (clinic_id, id)
);

create table consultations (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  intake_id uuid not null,
  practitioner_id uuid not null,
  screening_status text not null check (screening_status in ('suitable', 'caution', 'defer', 'not-suitable')),
  -- the consultation result's screening: { status, findings: [{ code, severity, message, until? }] }
  screening jsonb not null,
  -- the rest of the consultation result (recommended design, plan, quote, longevity, aftercare)
  result jsonb,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, intake_id) references intakes (clinic_id, id),
  foreign key (clinic_id, practitioner_id) references memberships (clinic_id, id)
);

create table designs (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  title text not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id)
);

create table design_versions (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  design_id uuid not null,
  version integer not null check (version >= 1),
  -- a stipple.design/v1 document
  document jsonb not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  unique (design_id, version),
  unique (clinic_id, id),
  unique (clinic_id, design_id, id),
  foreign key (clinic_id, design_id) references designs (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);

-- The client's approval of one version of a design; one approval per design (a new approval replaces it by a new design).
create table design_approvals (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  design_id uuid not null unique,
  design_version_id uuid not null,
  -- how the approval was given: in the portal, on the clinic's tablet, on paper
  method text not null check (method in ('portal', 'in-clinic', 'paper')),
  approved_at timestamptz not null default now(),
  recorded_by uuid,
  foreign key (clinic_id, design_id, design_version_id) references design_versions (clinic_id, design_id, id),
  foreign key (clinic_id, recorded_by) references memberships (clinic_id, id)
);

create table treatment_plans (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  design_version_id uuid,
  -- the consultation result's plan: { treatedAreaCm2, totalImpressions, sessions: [...] }
  plan jsonb not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, design_version_id) references design_versions (clinic_id, id)
);

create table quotes (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  treatment_plan_id uuid not null,
  location_id uuid not null,
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- in minor units (cents), tax included
  total_minor integer not null check (total_minor >= 0),
  -- { lines: [{ label, amountMinor }] }
  document jsonb not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, treatment_plan_id) references treatment_plans (clinic_id, id),
  foreign key (clinic_id, location_id) references locations (clinic_id, id)
);

create table session_records (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  location_id uuid not null,
  practitioner_id uuid not null,
  treatment_plan_id uuid,
  -- 1-based index within the course; touch-ups continue the count
  session_index integer not null check (session_index between 1 and 50),
  performed_at timestamptz not null,
  -- design zone names treated, e.g. ["hairline", "crown"]
  areas jsonb not null,
  -- { product, method, notes? } or null when none was used
  anaesthetic jsonb,
  impressions integer check (impressions >= 0),
  duration_minutes integer check (duration_minutes between 1 and 1440),
  -- clinical notes: never shown to front desk
  notes text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, location_id) references locations (clinic_id, id),
  foreign key (clinic_id, practitioner_id) references memberships (clinic_id, id),
  foreign key (clinic_id, treatment_plan_id) references treatment_plans (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);
create index session_records_client_idx on session_records (clinic_id, client_id, performed_at);

create table session_needles (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  session_record_id uuid not null,
  -- cartridge configuration, e.g. "1RL 0.20"
  configuration text not null,
  manufacturer text,
  lot text not null,
  expires_on date,
  -- the practitioner confirmed a new sealed single-use cartridge
  single_use_confirmed boolean not null check (single_use_confirmed),
  foreign key (clinic_id, session_record_id) references session_records (clinic_id, id)
);
create index session_needles_lot_idx on session_needles (clinic_id, lower(lot));

create table session_pigments (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  session_record_id uuid not null,
  brand text not null,
  shade text not null,
  -- e.g. "1:25" (pigment : diluent), or "neat"
  dilution text not null,
  lot text not null,
  expires_on date not null,
  foreign key (clinic_id, session_record_id) references session_records (clinic_id, id)
);
create index session_pigments_lot_idx on session_pigments (clinic_id, lower(lot));

create table adverse_events (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  session_record_id uuid not null,
  kind text not null check (kind in ('allergic-reaction', 'infection', 'excessive-bleeding', 'pigment-migration', 'other')),
  severity text not null check (severity in ('mild', 'moderate', 'severe')),
  description text not null,
  noted_at timestamptz not null,
  created_at timestamptz not null default now(),
  foreign key (clinic_id, session_record_id) references session_records (clinic_id, id)
);

-- Versioned consent texts: a changed text is a new version, and a version is never edited.
create table consent_templates (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id),
  kind text not null check (kind in ('treatment', 'photography-clinical', 'photography-marketing', 'data-processing')),
  version integer not null check (version >= 1),
  title text not null,
  body text not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, kind, version),
  unique (clinic_id, id)
);
create trigger consent_templates_immutable before update or delete on consent_templates
  for each row execute function stipple_reject_change();

-- A signed consent keeps the exact text signed and how it was signed; it can never change.
create table signed_consents (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  template_id uuid not null,
  text_signed text not null,
  text_sha256 text not null check (text_sha256 ~ '^[0-9a-f]{64}$'),
  signer_name text not null,
  signed_at timestamptz not null default now(),
  ip text,
  user_agent text,
  -- sha256 of the signature image stored with the photos (content-addressed)
  signature_sha256 text check (signature_sha256 ~ '^[0-9a-f]{64}$'),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, template_id) references consent_templates (clinic_id, id)
);
create trigger signed_consents_immutable before update or delete on signed_consents
  for each row execute function stipple_reject_change();
create trigger signed_consents_no_truncate before truncate on signed_consents
  for each statement execute function stipple_reject_change();

create table photos (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  session_record_id uuid,
  angle text not null check (angle in ('front', 'top', 'left', 'right', 'back', 'crown')),
  taken_on date not null,
  -- clinical: the clinical record only; marketing: the client also consented to the public gallery
  consent_scope text not null check (consent_scope in ('clinical', 'marketing')),
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  thumbnail_sha256 text check (thumbnail_sha256 ~ '^[0-9a-f]{64}$'),
  mime_type text not null check (mime_type in ('image/jpeg', 'image/png', 'image/webp')),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  byte_size integer not null check (byte_size > 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, session_record_id) references session_records (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);
create index photos_client_idx on photos (clinic_id, client_id, taken_on);

-- Who did what to which record, when and from where. Append-only: no UPDATE, DELETE or TRUNCATE.
create table audit_log (
  id bigserial primary key,
  clinic_id uuid not null references clinics (id),
  at timestamptz not null default now(),
  actor_user_id text,
  actor_membership_id uuid,
  actor_role text,
  -- read | create | update | erase | export | sign-in | sign-in-failed
  action text not null,
  -- client | intake | session-record | lot-recall | audit-log …
  entity text not null,
  entity_id text,
  client_id uuid,
  ip text,
  user_agent text,
  request_id text,
  detail jsonb
);
create index audit_log_clinic_at_idx on audit_log (clinic_id, at desc, id desc);
create index audit_log_client_idx on audit_log (clinic_id, client_id, at desc);
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function stipple_reject_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function stipple_reject_change();
