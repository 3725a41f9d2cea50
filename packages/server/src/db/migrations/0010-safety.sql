-- Safety before a needle touches skin: the lots a location holds (a session may use only a known, unexpired lot),
-- session records linked to their appointment and to the lot they used, the owner's written override of a missing
-- consent or a deferring screening, and approvals per design version (a new intake makes a new version of the
-- recommended design, and an approval of the older version does not count for it).

create table lots (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null,
  location_id uuid not null,
  kind text not null check (kind in ('pigment', 'needle')),
  -- pigment: the maker (Perma Blend); needle: the cartridge maker (Kwadron)
  brand text not null check (length(brand) between 1 and 100),
  -- pigment only: the shade (SMP Charcoal)
  shade text check (length(shade) between 1 and 100),
  -- needle only: the cartridge configuration (1RL 0.20)
  configuration text check (length(configuration) between 1 and 40),
  lot text not null check (length(lot) between 1 and 64),
  expires_on date not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  check ((kind = 'pigment') = (shade is not null)),
  check ((kind = 'needle') = (configuration is not null)),
  unique (clinic_id, id),
  foreign key (clinic_id, location_id) references locations (clinic_id, id),
  foreign key (clinic_id, created_by) references memberships (clinic_id, id)
);
-- one lot code per kind and location (lot codes are compared without case, as a recall does)
create unique index lots_location_code_idx on lots (clinic_id, location_id, kind, lower(lot));

alter table session_pigments add column lot_id uuid;
alter table session_pigments add constraint session_pigments_lot_fk foreign key (clinic_id, lot_id) references lots (clinic_id, id);
alter table session_needles add column lot_id uuid;
alter table session_needles add constraint session_needles_lot_fk foreign key (clinic_id, lot_id) references lots (clinic_id, id);

alter table session_records add column appointment_id uuid;
alter table session_records add constraint session_records_appointment_fk
  foreign key (clinic_id, appointment_id) references appointments (clinic_id, id);
-- one record per appointment
create unique index session_records_appointment_idx on session_records (appointment_id) where appointment_id is not null;
-- the owner's written reason to treat despite a missing consent or a screening that defers or refuses
alter table session_records add column override_reason text check (length(override_reason) between 10 and 1000);
alter table session_records add column override_by uuid;
-- what the override set aside, in the words of the refusal: ["Deferred until 2027-01-15: …"]
alter table session_records add column overridden jsonb;
alter table session_records add constraint session_records_override_by_fk
  foreign key (clinic_id, override_by) references memberships (clinic_id, id);
alter table session_records add constraint session_records_override_check
  check ((override_reason is null) = (override_by is null) and (override_reason is null) = (overridden is null));

-- approvals per version: a design keeps its approved versions, and the newest version needs its own approval
alter table design_approvals drop constraint design_approvals_design_id_key;
alter table design_approvals add constraint design_approvals_version_key unique (design_version_id);
create index design_approvals_design_idx on design_approvals (clinic_id, design_id);

-- the design a consultation recommended: a later consultation (on a new intake) adds its recommendation as the next
-- version of that design instead of a second design to approve. Earlier consultations get the design their client
-- received with them (created in the same transaction, so at the same instant or just after).
alter table consultations add column design_id uuid;
alter table consultations add constraint consultations_design_fk foreign key (clinic_id, design_id) references designs (clinic_id, id);
update consultations k set design_id = (
  select d.id from designs d
  where d.clinic_id = k.clinic_id and d.client_id = k.client_id and d.created_at >= k.created_at
  order by d.created_at, d.id limit 1
);
