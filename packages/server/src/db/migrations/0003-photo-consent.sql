-- Who last changed a photo's consent scope and when, and the signed photography consent a marketing scope rests on.
alter table photos add column consent_changed_by uuid;
alter table photos add column consent_changed_at timestamptz;
alter table photos add column marketing_consent_id uuid;
alter table photos add constraint photos_consent_changed_by_fk
  foreign key (clinic_id, consent_changed_by) references memberships (clinic_id, id);
alter table photos add constraint photos_marketing_consent_fk
  foreign key (marketing_consent_id) references signed_consents (id);
