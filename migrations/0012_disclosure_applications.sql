-- Disclosure applications (依申请公开, 政府信息公开条例 Art.29–45) and consultations (信息公开咨询)
-- (domain-spec §1.1, §1.5; src/disclosure/application_*): the fields only they have, keyed by
-- their case in the case engine (0007). State, owner, deadline clock and timeline live in
-- case_record / case_event. The applicant's identity document and contact are shown in full
-- only to holders of disclosure.application.manage (院办) and masked for everyone else.
-- Dates are local calendar days, "YYYY-MM-DD", so ranges compare as text on both engines.

CREATE TABLE disclosure_application (
  case_id BIGINT PRIMARY KEY REFERENCES case_record(id),
  -- application (依申请公开, Mode B) | consultation (咨询, Mode A)
  mode TEXT NOT NULL,
  -- public: the portal form; staff: registered by the office (letters, visits, calls)
  source TEXT NOT NULL,
  -- The columns of table 三 (application.h ApplicantKind codes); consultations: natural_person.
  applicant_kind TEXT NOT NULL,
  -- 姓名 of a natural person, or the contact person of an organisation
  applicant_name TEXT NOT NULL,
  -- 名称 of a 法人或其他组织; '' for natural persons
  organisation TEXT NOT NULL DEFAULT '',
  id_type TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  -- How it arrived (application.h SubmissionChannel codes; consultations also 'phone') and the
  -- dates Art.31 needs for the receipt date.
  channel TEXT NOT NULL,
  submitted_on TEXT,
  signed_on TEXT,
  confirmed_on TEXT,
  -- 收到申请之日 (Art.31): the deadline clock starts here (case_record.start_at).
  received_on TEXT NOT NULL,
  -- 信息名称、文号或其他特征性描述 (Art.29), or the consultation's question
  description TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  -- 形式要求 (Art.29, Art.40): paper | electronic, and post | pickup | email | online
  medium TEXT NOT NULL DEFAULT '',
  delivery TEXT NOT NULL DEFAULT '',
  -- How it ended: a row of table 三 (application.h Outcome codes) on decided_on. Set by the
  -- answer, by 逾期不补正 (other.no_correction) and by withdrawal (other.other).
  outcome TEXT NOT NULL DEFAULT '',
  decided_on TEXT,
  answer_text TEXT NOT NULL DEFAULT '',
  -- 部分公开 (Art.37): the part not disclosed and why
  withheld_text TEXT NOT NULL DEFAULT '',
  answer_delivery TEXT NOT NULL DEFAULT '',
  -- 补正 (Art.30): one notice, within the notice period after receipt; what to correct, by when.
  correction_request TEXT NOT NULL DEFAULT '',
  correction_requested_on TEXT,
  correction_due TEXT,
  correction_received_on TEXT,
  -- The portal form's one-time key: a form sent twice registers one application.
  submission_key TEXT UNIQUE
);
CREATE INDEX ix_disclosure_application_received ON disclosure_application (mode, received_on);
CREATE INDEX ix_disclosure_application_decided ON disclosure_application (mode, decided_on);

-- 征求第三方或其他机关意见 (Art.32–34): one row per consultation. The answer clock pauses from
-- sent_on to the reply, or to reply_due when no reply comes (pause_ends).
CREATE TABLE disclosure_third_party (
  id __ID__,
  case_id BIGINT NOT NULL REFERENCES case_record(id),
  -- third_party (第三方, Art.32) | other_body (其他机关, Art.34)
  party_kind TEXT NOT NULL,
  party TEXT NOT NULL,
  matter TEXT NOT NULL DEFAULT '',
  sent_on TEXT NOT NULL,
  reply_due TEXT NOT NULL,
  replied_on TEXT,
  -- 1: no reply by reply_due (the hospital decides; for other bodies silence is consent)
  silent BIGINT NOT NULL DEFAULT 0,
  -- agree | object | other; '' while waiting
  opinion TEXT NOT NULL DEFAULT '',
  opinion_text TEXT NOT NULL DEFAULT '',
  pause_ends TEXT
);
CREATE INDEX ix_disclosure_third_party_case ON disclosure_third_party (case_id);
