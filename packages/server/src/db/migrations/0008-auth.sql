-- The optional TOTP second factor for sign-in (RFC 6238, auth/totp.ts and features/access), and indexes for the
-- client file's read of a session record's needles, pigments and adverse events.

create table auth_totp (
  user_id text primary key references auth_user ("id") on delete cascade,
  -- the shared secret, AES-256-GCM under a key derived from the server secret (auth/totp.ts)
  secret_sealed text not null,
  -- null until a code from the authenticator app confirmed it; only then does sign-in ask for a code
  enabled_at timestamptz,
  -- the latest 30-second step a code was accepted for: each code works once, and no older one after it
  last_step bigint,
  created_at timestamptz not null default now()
);

create table auth_totp_backup_codes (
  user_id text not null references auth_user ("id") on delete cascade,
  -- SHA-256 of the code: codes are random (50 bits), so a plain hash keeps them unreadable
  code_sha256 text not null,
  used_at timestamptz,
  primary key (user_id, code_sha256)
);

-- A sign-in whose password was right, waiting for its code: the browser holds the id in a cookie, we keep its hash.
create table auth_totp_challenges (
  id_sha256 text primary key,
  user_id text not null references auth_user ("id") on delete cascade,
  expires_at timestamptz not null,
  failures integer not null default 0,
  created_at timestamptz not null default now()
);
create index auth_totp_challenges_user_idx on auth_totp_challenges (user_id);

create index session_needles_record_idx on session_needles (clinic_id, session_record_id);
create index session_pigments_record_idx on session_pigments (clinic_id, session_record_id);
create index adverse_events_record_idx on adverse_events (clinic_id, session_record_id);
