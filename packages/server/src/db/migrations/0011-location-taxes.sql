-- Taxes as data per location, and what the public site shows of a location.
--
-- tax_rules: [{ code, label, basisPoints, appliesTo: ["treatment" | "goods", …] }] (domain TaxRulesSchema). A quote at
-- the location adds a line for each rule that applies to treatment. Existing locations keep what their quotes charged
-- until now (the price list's tax: Ontario HST on the Toronto list, none on the others), except that a location in
-- British Columbia gets BC's taxes (GST on treatment, PST on goods only) and one in Ontario Ontario's HST.
alter table locations add column tax_rules jsonb not null default '[]'::jsonb
  check (jsonb_typeof(tax_rules) = 'array' and jsonb_array_length(tax_rules) <= 6);

update locations set tax_rules = case
  when address ->> 'country' = 'CA' and address ->> 'region' = 'BC' then
    '[{"code":"GST","label":"GST","basisPoints":500,"appliesTo":["treatment","goods"]},{"code":"PST","label":"PST (British Columbia)","basisPoints":700,"appliesTo":["goods"]}]'::jsonb
  when (address ->> 'country' = 'CA' and address ->> 'region' = 'ON') or price_list_id = 'toronto' then
    '[{"code":"HST","label":"HST (Ontario)","basisPoints":1300,"appliesTo":["treatment","goods"]}]'::jsonb
  else '[]'::jsonb
end;

-- the phone number clients call, as people write it (shown on the public site)
alter table locations add column phone text check (phone is null or length(phone) between 5 and 40);
