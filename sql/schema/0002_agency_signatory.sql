-- 0002 signatories: who signs for an agency, as printed in the signature block (Nghị định 30/2020 ô 7).
-- title_lines are the upper-case authority lines, e.g. {"KT. GIÁM ĐỐC","PHÓ GIÁM ĐỐC"}; rank orders the
-- candidates of one agency (1 = the usual signer of CCHC reports). Validity is half-open like agency's.
create table agency_signatory (
  agency_id   integer not null references agency (id),
  rank        smallint not null default 1 check (rank > 0),
  title_lines text[] not null check (cardinality(title_lines) between 1 and 4),
  full_name   text not null,
  valid_from  date not null,
  valid_to    date,
  primary key (agency_id, rank, valid_from),
  check (valid_to is null or valid_to > valid_from)
);
