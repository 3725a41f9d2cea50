-- Per-installation secrets, created on first use: the key that signs the cancel/reschedule links in booking emails.
create table installation_secrets (
  name text primary key check (length(name) between 1 and 100),
  -- 32 random bytes as lowercase hex
  secret text not null check (secret ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);

-- What a retried booking must match: SHA-256 (hex) of the request that first used the idempotency key.
alter table appointments add column idempotency_fingerprint text check (idempotency_fingerprint ~ '^[0-9a-f]{64}$');
alter table appointments add constraint appointments_idempotency_key_with_fingerprint
  check ((idempotency_key is null) = (idempotency_fingerprint is null));
