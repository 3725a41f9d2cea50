-- The outbox: every email the clinic sends (appointment reminders, pre-care, aftercare, the between-sessions note,
-- the touch-up recall, booking confirmations) is a row here first, written in the same transaction as the planning
-- that decided it. A worker claims due rows (for update skip locked, with a lease), sends them by SMTP and records
-- the result. Delivery is at-least-once: a crash between the SMTP server's acceptance and the 'sent' update sends the
-- row again after its lease ends, with the same Message-ID, so mail servers and clients see one message.
create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  -- null for a public booking made before a client record exists (the visitor's contact details are used)
  client_id uuid,
  appointment_id uuid,
  session_record_id uuid,
  kind text not null check (kind in (
    'appointment-48h', 'appointment-24h', 'precare', 'aftercare', 'between-sessions', 'touch-up-recall',
    'booking-confirmation'
  )),
  -- what the message is about, unique per clinic: the planner inserts with on conflict do nothing, so planning twice
  -- (or in two processes) queues one message; a rescheduled appointment has a new key (it carries the start time)
  dedupe_key text not null check (length(dedupe_key) between 1 and 300),
  -- care messages are about the client's own treatment; the others (the touch-up recall) carry an unsubscribe link
  care boolean not null,
  to_email text not null check (length(to_email) between 1 and 320),
  subject text not null check (length(subject) between 1 and 200),
  body_text text not null check (length(body_text) <= 20000),
  body_html text not null check (length(body_html) <= 40000),
  -- the RFC 5322 Message-ID every attempt carries: <id@host>, so a resend after a crash is the same message
  message_id text not null check (length(message_id) between 3 and 300),
  due_at timestamptz not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0 check (attempts between 0 and 100),
  next_attempt_at timestamptz not null,
  -- while 'sending': the claim lasts until then; a worker that died leaves an expired lease to be taken over
  lease_until timestamptz,
  last_error text check (length(last_error) <= 1000),
  sent_at timestamptz,
  cancel_reason text check (length(cancel_reason) <= 300),
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'sent' or sent_at is not null),
  check (status <> 'sending' or lease_until is not null),
  unique (clinic_id, dedupe_key),
  unique (clinic_id, id),
  unique (message_id),
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, appointment_id) references appointments (clinic_id, id),
  foreign key (clinic_id, session_record_id) references session_records (clinic_id, id)
);
create index outbox_messages_due_idx on outbox_messages (next_attempt_at) where status in ('queued', 'sending');
create index outbox_messages_clinic_idx on outbox_messages (clinic_id, status, due_at);
create index outbox_messages_client_idx on outbox_messages (clinic_id, client_id, due_at);
create index outbox_messages_appointment_idx on outbox_messages (appointment_id) where appointment_id is not null;

-- iCalendar feeds behind unguessable tokens: one practitioner's appointments, or one client's. Only the SHA-256 of the
-- token is kept, so a copy of the database does not give the feeds away; a revoked feed answers 404.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  practitioner_id uuid,
  client_id uuid,
  token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  check ((practitioner_id is null) <> (client_id is null)),
  unique (clinic_id, id),
  foreign key (clinic_id, practitioner_id) references memberships (clinic_id, id) on delete cascade,
  foreign key (clinic_id, client_id) references clients (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id) on delete cascade
);
create index calendar_feeds_clinic_idx on calendar_feeds (clinic_id, created_at);
