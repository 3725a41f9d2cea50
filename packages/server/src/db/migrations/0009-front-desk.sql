-- The front desk's day: a client who has arrived (checked in), the history of every change with what moved (the
-- practitioner, chair or location as well as the time) and the linking of a website booking to a client file, and
-- the travel time between two locations a practitioner works at, set by the owner.

alter table appointments drop constraint appointments_status_check;
alter table appointments add constraint appointments_status_check
  check (status in ('booked', 'arrived', 'completed', 'no-show', 'cancelled'));
alter table appointments add column arrived_at timestamptz;

alter table appointment_changes drop constraint appointment_changes_change_check;
alter table appointment_changes add constraint appointment_changes_change_check
  check (change in ('booked', 'arrived', 'rescheduled', 'cancelled', 'no-show', 'completed', 'linked'));
-- what else a change moved or linked: { fromPractitionerId, toPractitionerId, fromChairId, toChairId,
-- fromLocationId, toLocationId, clientId }
alter table appointment_changes add column detail jsonb;

-- Minutes a practitioner needs between an appointment at one location and one at the other, the same both ways
-- (stored once per pair, the smaller location id first). No row: a practitioner may not work at both on one day.
create table location_travel_times (
  clinic_id uuid not null,
  location_a uuid not null,
  location_b uuid not null,
  minutes integer not null check (minutes between 0 and 1440),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (location_a, location_b),
  check (location_a < location_b),
  foreign key (clinic_id, location_a) references locations (clinic_id, id) on delete cascade,
  foreign key (clinic_id, location_b) references locations (clinic_id, id) on delete cascade,
  foreign key (clinic_id, updated_by) references memberships (clinic_id, id)
);
create index location_travel_times_clinic_idx on location_travel_times (clinic_id);
