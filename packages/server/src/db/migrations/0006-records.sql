-- Consents as the clinic uses them (privacy and laser-removal kinds; who wrote a template version; how a consent was
-- signed and who recorded it), practitioner credentials' last change, and laser-removal courses with their sessions.

-- "data-processing" is called "privacy" from now on, and laser removal has its own consent. The kind is a label of the
-- template, not part of the text anyone signed, so the rename lifts the immutability trigger for that one statement.
alter table consent_templates drop constraint consent_templates_kind_check;
alter table consent_templates disable trigger consent_templates_immutable;
update consent_templates set kind = 'privacy' where kind = 'data-processing';
alter table consent_templates enable trigger consent_templates_immutable;
alter table consent_templates add constraint consent_templates_kind_check
  check (kind in ('treatment', 'photography-clinical', 'photography-marketing', 'privacy', 'laser-removal'));
alter table consent_templates add column created_by uuid;
alter table consent_templates add constraint consent_templates_created_by_fk
  foreign key (clinic_id, created_by) references memberships (clinic_id, id);

-- in-clinic: signed on the clinic's tablet and recorded by staff; portal: signed by the client in their portal.
-- Adding nullable columns rewrites no row, so the append-only trigger is not involved.
alter table signed_consents add column method text check (method in ('in-clinic', 'portal'));
alter table signed_consents add column recorded_by uuid;
alter table signed_consents add constraint signed_consents_recorded_by_fk
  foreign key (clinic_id, recorded_by) references memberships (clinic_id, id);
create index signed_consents_client_idx on signed_consents (clinic_id, client_id, signed_at);

alter table practitioner_credentials add column updated_at timestamptz;

-- A laser-removal course (DOMAIN §5, laser removal): done by the clinic or by a referral provider.
create table laser_removal_courses (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  reason text not null check (length(reason) between 1 and 2000),
  provider text not null check (provider in ('clinic', 'referral')),
  referral_name text check (length(referral_name) between 1 and 200),
  sessions_planned integer not null check (sessions_planned between 1 and 20),
  started_on date not null,
  -- clinical notes: never shown to front desk
  notes text check (length(notes) <= 2000),
  status text not null default 'active' check (status in ('active', 'completed', 'abandoned')),
  status_changed_at timestamptz,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  check ((provider = 'referral') = (referral_name is not null)),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);
create index laser_removal_courses_client_idx on laser_removal_courses (clinic_id, client_id, started_on);

create table laser_removal_sessions (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  course_id uuid not null,
  performed_on date not null,
  provider text not null check (length(provider) between 1 and 200),
  -- clinical notes: never shown to front desk
  notes text check (length(notes) <= 2000),
  -- { kind, severity, description } or null
  adverse_event jsonb,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  foreign key (clinic_id, course_id) references laser_removal_courses (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);
create index laser_removal_sessions_course_idx on laser_removal_sessions (clinic_id, course_id, performed_on);

-- Erasure on request (DOMAIN §6.4; what else goes and stays is in PrivacyRepository.erase): the free text of a client's
-- laser-removal records goes when the client is erased; dates, provider, planned sessions, status and adverse-event kind
-- and severity stay for record retention.
create function stipple_erase_laser_removal_text() returns trigger language plpgsql as $$
begin
  update laser_removal_courses set reason = 'Erased with the client', notes = null
    where clinic_id = new.clinic_id and client_id = new.id;
  update laser_removal_sessions s set notes = null,
    adverse_event = case when s.adverse_event is null then null
                         else jsonb_set(s.adverse_event, '{description}', '"Erased with the client"') end
    where s.clinic_id = new.clinic_id
      and s.course_id in (select c.id from laser_removal_courses c where c.clinic_id = new.clinic_id and c.client_id = new.id);
  return new;
end
$$;
create trigger clients_erase_laser_removal_text after update of erased_at on clients
  for each row when (old.erased_at is null and new.erased_at is not null)
  execute function stipple_erase_laser_removal_text();
