-- Scheduling: chairs, where and when practitioners work, time off, appointments and booked courses.
-- Double booking is impossible by construction: exclusion constraints on the time a booking blocks (its interval
-- widened by the kind's buffers), per practitioner and per chair, for every appointment that still holds its time.

create table chairs (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  location_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  unique (location_id, name),
  foreign key (clinic_id, location_id) references locations (clinic_id, id)
);

-- Where a practitioner works and their weekly hours there, in the location's time zone:
-- { mon: [["09:00","17:00"]], ... } like locations.opening_hours.
create table practitioner_locations (
  clinic_id uuid not null,
  membership_id uuid not null,
  location_id uuid not null,
  working_hours jsonb not null,
  primary key (membership_id, location_id),
  foreign key (clinic_id, membership_id) references memberships (clinic_id, id) on delete cascade,
  foreign key (clinic_id, location_id) references locations (clinic_id, id)
);

create table time_off (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  membership_id uuid not null,
  during tstzrange not null check (not isempty(during) and lower_inc(during) and not upper_inc(during)),
  reason text check (length(reason) <= 500),
  created_at timestamptz not null default now(),
  unique (clinic_id, id),
  foreign key (clinic_id, membership_id) references memberships (clinic_id, id) on delete cascade
);
create index time_off_member_idx on time_off using gist (membership_id, during);

-- A booked course: the sessions of one treatment plan, booked together and kept within the spacing rules.
create table courses (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  client_id uuid not null,
  treatment_plan_id uuid,
  location_id uuid not null,
  min_gap_days integer not null default 7 check (min_gap_days between 1 and 365),
  max_gap_days integer not null default 14 check (max_gap_days between 1 and 365),
  -- the earliest day the first session may fall on (after the consultation and any screening deferral)
  earliest_date date not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  check (min_gap_days <= max_gap_days),
  unique (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, treatment_plan_id) references treatment_plans (clinic_id, id),
  foreign key (clinic_id, location_id) references locations (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  location_id uuid not null,
  -- null for a public consultation request before it is linked to a client record
  client_id uuid,
  practitioner_id uuid not null,
  chair_id uuid not null,
  kind text not null check (kind in ('consultation', 'smp-session', 'touch-up', 'laser-removal')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- the interval this appointment holds the practitioner and the chair: [starts_at - buffer before, ends_at + buffer after)
  blocks tstzrange not null check (not isempty(blocks) and lower_inc(blocks) and not upper_inc(blocks)),
  status text not null default 'booked' check (status in ('booked', 'completed', 'no-show', 'cancelled')),
  course_id uuid,
  -- 1-based position within the course
  course_index integer check (course_index between 1 and 50),
  -- who booked it: a member, or a visitor through the public site
  booked_by uuid,
  source text not null default 'clinic' check (source in ('clinic', 'public', 'portal')),
  -- a retried request with the same key books once (per clinic)
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  -- the visitor's details for a public booking before a client record exists: { name, email, phone }
  contact jsonb,
  notes text check (length(notes) <= 2000),
  cancelled_at timestamptz,
  cancel_reason text check (length(cancel_reason) <= 500),
  no_show_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (starts_at < ends_at),
  check (lower(blocks) <= starts_at and upper(blocks) >= ends_at),
  check (client_id is not null or contact is not null),
  unique (clinic_id, id),
  unique (clinic_id, idempotency_key),
  foreign key (clinic_id, location_id) references locations (clinic_id, id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, practitioner_id) references memberships (clinic_id, id),
  foreign key (clinic_id, chair_id) references chairs (clinic_id, id),
  foreign key (clinic_id, course_id) references courses (clinic_id, id),
  foreign key (clinic_id, booked_by) references memberships (clinic_id, id),
  constraint appointments_practitioner_no_overlap
    exclude using gist (practitioner_id with =, blocks with &&) where (status <> 'cancelled'),
  constraint appointments_chair_no_overlap
    exclude using gist (chair_id with =, blocks with &&) where (status <> 'cancelled')
);
create index appointments_clinic_time_idx on appointments (clinic_id, starts_at);
create index appointments_client_idx on appointments (clinic_id, client_id, starts_at);
create index appointments_course_idx on appointments (course_id, course_index);

-- Every change of an appointment's time or status, with the reason given: reschedules, cancellations, no-shows.
create table appointment_changes (
  id bigserial primary key,
  clinic_id uuid not null,
  appointment_id uuid not null,
  change text not null check (change in ('booked', 'rescheduled', 'cancelled', 'no-show', 'completed')),
  from_starts_at timestamptz,
  to_starts_at timestamptz,
  reason text check (length(reason) <= 500),
  -- a member, or null for the client through a signed link
  changed_by uuid,
  changed_at timestamptz not null default now(),
  foreign key (clinic_id, appointment_id) references appointments (clinic_id, id),
  foreign key (clinic_id, changed_by) references memberships (clinic_id, id)
);
create index appointment_changes_appointment_idx on appointment_changes (appointment_id, changed_at);
create trigger appointment_changes_append_only before update or delete on appointment_changes
  for each row execute function stipple_reject_change();
